import { phraseText } from './parse/phrase-text.js';
import { CHANNEL_RULES } from './text-channels.js';
import { HOST_RULES } from './text-host-causes.js';
import { INSTALL_RULES } from './text-install.js';
import { cause, type TextRule, type Weight } from './text-rule.js';
import { SYMPTOM_RULES } from './text-symptoms.js';
import { CONTEXT_RULES, TOOL_RULES } from './text-unknown-causes.js';

export type { TextRule, Weight } from './text-rule.js';

/**
 * Message strings of OpenClaw, Anthropic and other providers, and the words people use for them.
 * Ranking within one text: a `cause` rule outranks a `symptom` rule; among rules of the same
 * weight the one listed first wins. The order encodes which message hides which: a cooldown
 * refusal names its reason ("is in cooldown (billing)"), so cooldown comes before billing; a 403
 * message also says "authentication failed", so permission comes before the 401 rules; a
 * credential-precedence story comes before the 401 it causes, but a gateway refusal (a token
 * mismatch) comes before the precedence story behind it; OpenClaw's own client-side timeout comes
 * before the overload or rate limit a report goes on to rule out; a symptom the text calls false
 * is healthy, after every other cause. The causes are listed here, the symptoms in
 * text-symptoms.ts.
 */
export const TEXT_RULES: readonly TextRule[] = [
  ...HOST_RULES,
  cause(
    'client-auth-code',
    'gateway_client_auth',
    /\b(?:AUTH_(?!PROFILE)[A-Z_]+|DEVICE_(?:IDENTITY|AUTH)_[A-Z_]+|PAIRING_REQUIRED|NOT_PAIRED|CONTROL_UI_[A-Z_]+)\b/,
  ),
  cause(
    'client-auth-message',
    'gateway_client_auth',
    /unauthorized: (?:gateway (?:token|password)|device token|bootstrap token|too many failed authentication)|unauthorized: (?![^\n]{0,30}\b(?:x-)?api[ _-]?key\b)(?![^\n]*\bapi\.(?:anthropic|openai|x|deepseek|mistral|groq|together|fireworks|moonshot)\.(?:com|ai|cn|xyz)\b)(?:[a-z-]+ ){0,4}(?:mismatch|required|missing|not allowed)|unauthorized conn=|gateway (?:token|password) (?:mismatch|missing)|device token mismatch|pairing (?:required|request|code)|gateway url override requires explicit credentials|(?<!probe: limited\s*[-–—:(]\s*)missing (?:required )?scope:? operator\.|origin not allowed|requires device identity|device identity required|too many failed (?:auth|attempts)|gateway rejected (?:the |your |my |our |its )?(?:credentials|token|connection)|(?:token|password)[^\n]{0,40}(?:doesn't|does not|didn't|did not) match what the gateway expects|credentials (?:were|was) rejected|locked out after|(?:disconnected|closed|断开连接|连接断开) ?[(（](?:1008|4008)[)）]|安全上下文|\b1?0?08\b ?(?:error|错误)|failed to resolve gateway\.auth|OPENCLAW_GATEWAY_(?:TOKEN|PASSWORD)[^\n]{0,40}(?:missing|empty)|配对|unauthorized: (?![^\n]{0,30}\b(?:x-)?api[ _-]?key\b)(?![^\n]*\bapi\.(?:anthropic|openai|x|deepseek|mistral|groq|together|fireworks|moonshot)\.(?:com|ai|cn|xyz)\b)(?!(?:access |oauth |bearer |id )?token expired)(?:[a-z-]+ ){0,4}(?:rejected|invalid|not configured|expired)|NOT_LINKED|(?:gateway )?(?:token|password) mismatch|invalid gateway (?:token|password)|gateway (?:token|password) (?:is )?(?:invalid|wrong|expired)|not paired|pair(?:ing)? (?:this|the) device|pairing pending|devices approve|device (?:is )?not (?:approved|paired)|(?<!requires gateway\.controlUi\.)allowedOrigins|allowed origins|secure context|(?<!probe: limited\s*[-–—:(]\s*)missing scope(?!s?: (?!operator\.))|insufficient scope|scope[- ]upgrade|(?:lacks?|lacking|without|needs?|requires?|required|denied|insufficient|not granted)[^\n]{0,30}\boperator\.(?:read|write|admin|approvals|pairing)|\boperator\.(?:read|write|admin|approvals|pairing)\b[^\n]{0,30}(?:missing|required|denied|not granted)|disconnected \(\d{4}\)|trustedProxies|trusted proxies|connect (?:challenge|handshake) failed|Control UI[^\n]{0,60}(?:unauthorized|rejected|refused|1008)|(?:dashboard|control ui|webchat)[^\n]{0,40}\b40[13]\b|令牌不匹配|网关令牌|(?:missing|invalid|unknown) device (?:identity|signature|id)|设备(?:签名|身份|标识)(?:无效|不匹配|缺失|错误)|device (?:identity|signature|id) (?:mismatch|missing|invalid|required|rejected)|\b(?:device_)?(?:token|password)_mismatch\b|gateway\.auth\.rateLimit|reject(?:s|ed)? every login|WS rejections|oauth2-proxy|(?:auth(?:entication)?|identity|access|SSO) proxy[^\n]{0,60}\b40[13]\b|\b40[13]\b[^\n]{0,60}(?:auth(?:entication)?|identity|access|SSO) proxy|Cloudflare Access|(?:无法|不能)[^\n]{0,20}gateway ?认证|网关认证失败|\braise Unauthorized\(|\b(?:werkzeug\.exceptions|quart_auth\.[\w.]{1,40}|flask_login\.[\w.]{1,40}|starlette\.exceptions|fastapi\.exceptions)\.Unauthorized\b|\bSignature b?['"][^'"\n]{1,80}['"] does not match\b|\bBadSignature\b/i,
  ),
  // The two sides of gateway auth no longer agree, or the CLI has no paired device credential.
  cause(
    'client-auth-drift',
    'gateway_client_auth',
    /(?:gateway|control ui|dashboard|client)[^\n]{0,60}(?<!(?:oauth|api|access|setup|refresh|bearer|input|output|prompt|completion|cache) )\b(?:auth|tokens?|passwords?)\b(?! (?:count|usage|used|per|limits?|budget|profiles?))[^\n]{0,40}\b(?:stop(?:s|ped)? matching|no longer match(?:es)?|(?:do not|don't|does not|doesn't|did not|didn't|never) match|(?:are |go |got |get |fall |fell )?out of sync)|\bpaired\b[^\n]{0,30}\bdevice (?:credentials?|identity|tokens?)|(?:lacks?|lacking|missing|without|no) (?:a )?(?:paired )?(?:read|write|admin|operator)[- ]scope\b/i,
  ),
  // The gateway's and its clients' tokens said to be inconsistent or to disagree.
  cause(
    'client-auth-inconsistent',
    'gateway_client_auth',
    /\b(?:gateway|control ui|dashboard|client|cli)[^\n]{0,20}\b(?:auth )?(?:tokens?|passwords?)\b(?! (?:count|usage|used|per|limits?|budget))[^\n]{0,10}\b(?:inconsisten(?:t|cy|cies)|disagree(?:s|ment)?)\b|\binconsistent (?:gateway|client|device) (?:auth )?(?:tokens?|passwords?)\b|(?:gateway|게이트웨이|ゲートウェイ|클라이언트|クライアント)[^\n]{0,40}(?:토큰|トークン|인증|認証)[^\n]{0,10}(?:불일치|不一致|一致しない|일치하지 않)/i,
  ),
  cause(
    'config-invalid',
    'config_invalid',
    /JSON5(?: parse failed)?: invalid|Config (?:file )?(?:is )?invalid|Failed to read config|Invalid config|configuration invalide|configuración (?:no válida|inválida)|ungültige Konfiguration|configurazione non valida|config validation failed|failed validation: Invalid input|: Invalid input\b|(?:openclaw\.json|config(?:uration)? file|config)[^\n]{0,60}(?:invalid JSON|syntax error|语法错误|unsupported keys?)|(?:invalid JSON|syntax error|语法错误|unsupported keys?)[^\n]{0,60}(?:openclaw\.json|config)|misconfigured: |set gateway\.mode=|or pass --allow-unconfigured|requires gateway\.[\w.]+|uses plaintext ws:\/\/|requires plugin API|requires explicit\s+gateway\.|(?:refuses|fails?|failed) to start after (?:editing|changing)|Unrecognized keys?|unknown config key|ZodError|Invalid input: expected|SyntaxError:[^\n]{0,40}JSON|config (?:error|is broken)|Expected (?:string|number|boolean|object|array)(?:, received| but)|(?:config|openclaw\.json)[^\n]{0,60}(?:unknown|unexpected|additional) (?:key|field|propert)|must be one of|Unexpected token[^\n]{0,30}(?:openclaw\.json|config)|openclaw\.json[^\n]{0,40}(?:invalid|error|broken|corrupt)|config(?:uration)? (?:file )?(?:is )?(?:corrupt|broken)|(?:failed to|could not|cannot|unable to) (?:parse|load|read) (?:the )?(?:config|openclaw\.json|configuration)|legacy (?:config|keys?)|配置文件(?:错误|无效|有误|解析失败)|Config issue:|Config \((?:cli|service)\):[^\n]{0,120}\(invalid\)|配置校验失败|JSON ?格式错误|missing required propert|(?<!\b\d+ )validation error|(?:keys?|fields?|settings?)[^\n]{0,40}no longer recogni[sz]|unrecogni[sz]ed (?:config )?(?:keys?|fields?|settings?)|配置(?:验证|校验)失败|无法识别的(?:密钥|键|配置|设置)|无法[^\n]{0,10}(?:正确的 ?)?json ?配置|json ?配置文件[^\n]{0,10}(?:错误|无效|有误|损坏)/i,
  ),
  // The config fails its schema or OpenClaw's config check (an unknown or offending key).
  cause(
    'config-schema',
    'config_invalid',
    /\b(?:validat\w*|check\w*|fail\w*|reject\w*|violat\w*)\b[^\n]{0,30}\bconfig(?:uration)? schema\b|\bconfig(?:uration)? schema\b[^\n]{0,30}\b(?:validation|check|error|fail\w*|violation|mismatch)|(?:openclaw\.json|config(?:uration)?(?: file)?)[^\n]{0,40}\b(?:fail\w*|(?:does not|doesn't|did not|didn't) pass) (?:the |its )?schema (?:validation|check)|\bgateway (?:now |still )?(?:fail\w*|(?:does not|doesn't|did not|didn't) pass) (?:the |its )?(?:config )?schema (?:validation|check)|\b(?:invalid|unknown|unrecogni[sz]ed|offending) (?:config )?keys? (?:in|of) (?:the |your |my )?(?:openclaw\.json|config(?:uration)?(?: file)?)\b|offending (?:config )?(?:key|field|setting)|\bconfig(?:uration)? checks? (?:failed|fails|error)|配置(?:文件)?的?(?:检查|校验|验证)(?:没有)?(?:失败|不通过|未通过)|(?:配置文件|配置)[^\n]{0,10}字段不(?:一致|兼容|匹配)/i,
  ),
  // Chinese for keys in the config that OpenClaw does not recognise.
  cause(
    'config-keys-unrecognised',
    'config_invalid',
    /配置(?:文件)?[^\n]{0,15}(?:key|键|字段|参数|选项|配置项)[^\n]{0,8}(?:无法识别|不能识别|识别不了|不识别|不被识别|不认识|不支持)|(?:无法识别|不能识别|不识别)的?[^\n]{0,6}(?:key|键|字段|配置项)/i,
  ),
  // Before the gateway's runtime failures: a CLI command (not the gateway) running out of memory.
  cause(
    'cli-out-of-memory',
    'unknown',
    /\bopenclaw (?!(?:gateway|daemon|service)\b)[a-z][\w-]*\b(?:(?!gateway|daemon|service)[^\n]){0,40}? (?:crash(?:es|ed)?|dies|died|fails?|failed|aborts?) with[^\n]{0,20}(?:heap out of memory|out of memory|heap limit|\bOOM\b)/i,
  ),
  // OpenClaw's setup or onboarding (not the gateway) running out of memory, said on one line.
  cause(
    'setup-out-of-memory',
    'unknown',
    /\b(?:installed successfully|Starting setup|(?:during|in) (?:the )?(?:setup|onboarding|install(?:ation)?|wizard)|(?:setup|onboard(?:ing)?) wizard)\b(?:(?!gateway|daemon|service)[^\n]){0,120}?(?:heap out of memory|Reached heap limit)/i,
  ),
  // The agent cannot read its own credential store (a file permission, not the gateway stopping).
  cause('auth-store-unreadable', 'unknown', /\b(?:EACCES|EPERM)\b[^\n]{0,120}\bauth-profiles\.json\b/),
  // The package manager installing the CLI killed by a signal: the CLI never gets installed.
  cause(
    'install-crashed',
    'openclaw_missing',
    /\b(?:Segmentation fault|Killed|Aborted|Bus error|Illegal instruction)(?: \(core dumped\))? +(?:sudo )?(?:npm|pnpm|bun) (?:install|i|add) [^\n]{0,30}\b(?:openclaw|clawdbot|moltbot)\b/i,
  ),
  ...INSTALL_RULES,
  cause(
    'gateway-runtime',
    'gateway_down',
    /connect ECONNREFUSED \S+:18789|gateway[^\n]{0,80}\bECONNREFUSED|ERR_CONNECTION_REFUSED|EADDRINUSE|address already in use|already listening|another process is listening|port conflict|Gateway process is running but port|service stayed stopped|Gateway restart timed out|(?:gateway|service)[^\n]{0,40}failed to start|ENOSPC|no space left on device|disk (?:is )?full|out of disk space|磁盘(?:已满|空间不足)|Gateway start failed|exited before becoming ready|기동 실패|시작 실패|起動(?:に)?失敗|EACCES[^\n]{0,60}\.openclaw|\.openclaw[^\n]{0,60}EACCES|EACCES: permission denied, (?:mkdir|open|scandir|access)|state dir(?:ectory)?[^\n]{0,40}(?:not writable|permission denied)|openclaw-gateway\.service: Failed|Failed to start (?:the )?openclaw|Job for openclaw[\w-]*\.service failed|systemd user services (?:are )?(?:unavailable|required)|systemctl[^\n]{0,30}(?:unavailable|not available)|Failed to connect to bus|Gateway service (?:check|install) failed|Gateway service not loaded|Unit file \S+ does not exist|203\/EXEC|ERR_MODULE_NOT_FOUND|container is not running|not listening (?:in|on) the TCP|fails? to bind|(?:never|not|doesn't|does not|didn't|did not|won't) (?:actually )?binds?(?: to)? (?:the |its |any )?(?:configured |gateway |listening )?port|wss?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])[^\n]{0,80}\b(?:ECONNREFUSED|connection refused)|already running \(pid|Active: (?:failed|inactive)|inactive \(dead\)|LaunchAgent[^\n]{0,30}(?:not loaded|failed)|not-loaded|OOMKilled|heap out of memory|(?:gateway|service|daemon)[^\n]{0,30}(?:won't|will not|doesn't|does not|cannot|can't) start|EADDRNOTAVAIL|listen EACCES|Bootstrap failed|launchctl[^\n]{0,40}(?:failed|error)|Unit [\w@.-]+ (?:not found|could not be found)|status=\d+\/FAILURE|start request repeated too quickly|Failed with result|CrashLoopBackOff|Back-off restarting|schtasks[^\n]{0,40}(?:failed|error)|Scheduled Task[^\n]{0,40}(?:failed|not)|18789[^\n]{0,40}(?:refused|ECONNREFUSED)|(?:refused|ECONNREFUSED)[^\n]{0,40}18789|(?:clawdbot|moltbot)[\w-]*\.service[^\n]{0,40}fail|(?:gateway )?service (?:is )?not (?:installed|loaded)|Service: (?:not installed|missing)|ECONNREFUSED (?:127\.0\.0\.1|localhost|::1|\[::1\])|EROFS|read-only file system|EPERM[^\n]{0,60}\.openclaw|SQLITE_(?:CANTOPEN|FULL|READONLY|CORRUPT)|database disk image is malformed|is not listening|nothing (?:is )?listening|no process (?:is )?listening|port 18789[^\n]{0,40}(?:refused|couldn't connect|failed)|(?:localhost|127\.0\.0\.1|\[?::1\]?|18789|gateway)[^\n]{0,60}Couldn't connect to server|Load failed: \d+|exited with error code|(?:could not|couldn't|unable to|failed to) (?:start|launch|run) (?:the )?(?:openclaw )?gateway|systemd (?:is )?not (?:running|enabled|available)|System has not been booted with systemd|permission denied[^\n]{0,40}(?:\.openclaw|state dir|workspace)|Segmentation fault|core dumped|Service unit not found|loaded but not running|plist missing|Legacy gateway services detected|\(not loaded\)|网关[^\n]{0,10}(?:未运行|无法启动|启动失败|崩溃|没有运行|挂了|连不上)|port is already allocated|unable to start container|Could not find service|(?:cannot|can't|failed to) bind|Found 0 gateways|hogs the port|port (?:is )?(?:taken|occupied)|restart(?:ing)? (?:the )?(?:gateway )?service failed|Gateway restart failed|端口(?:冲突|被占用|已被占用)|(?:无法|不能|连不上|连接不上)[^\n]{0,15}网关|网关[^\n]{0,6}(?:连接失败|拒绝连接)|\(111: Connection refused\) while connecting to upstream|no live upstreams|upstream prematurely closed|entered failed state|status=\d+\/(?!SUCCESS)[A-Z]+|last exit code = [1-9]|Reached heap limit|\bEMFILE\b|too many open files|(?:cannot create directory|无法创建目录)[^\n]{0,40}\.openclaw|\.openclaw[^\n]{0,60}(?:Permission denied|权限不够|权限不足)/i,
  ),
  // Container or pod probes failing and taking the gateway down with them.
  cause(
    'probe-kills-gateway',
    'gateway_down',
    /\b(?:liveness|readiness|startup)[- ]?probes?\b[^\n]{0,60}\b(?:fail\w*|kill\w*|restart\w*)|\bprobes?\b[^\n]{0,60}\b(?:kill(?:s|ed|ing)?|restart(?:s|ed|ing)?) (?:all |every |the )?(?:gateway )?(?:containers?|pods?)\b/i,
  ),
  cause(
    'openclaw-missing',
    'openclaw_missing',
    /openclaw: (?:command )?not found|spawn \S*openclaw ENOENT|command not found: openclaw|找不到 ?openclaw|openclaw[^\n]{0,30}(?:不是内部或外部命令|is not recognized)|is not recognized as an internal or external command|不是内部或外部命令|bin\/openclaw: No such file|openclaw requires Node|(?:cannot|can't|could not) find (?:the )?openclaw|openclaw (?:cli|command) (?:not found|missing|is not available)|openclaw(?: CLI| command| binary)?:? (?:not installed|is not installed)|Cannot find module[^\n]{0,80}openclaw|no such file[^\n]{0,30}openclaw(?!\.json)|未找到 ?openclaw|(?:clawdbot|moltbot)[^\n]{0,10}(?:command )?not found|command not found: (?:clawdbot|moltbot)|is not recognized as the name of a cmdlet|executable file not found|no (?:openclaw|clawdbot|moltbot) in \(|(?:openclaw|clawdbot|moltbot)[^\n]{0,30}not (?:on|in) (?:your |the )?\$?PATH|找不到命令|命令未找到|未找到命令|(?:clawdbot|moltbot) requires Node|(?:openclaw|clawdbot|moltbot)[^\n]{0,20}(?:未安装|不存在|找不到|检测不到)|(?:检测不到|没有找到|无法找到|未检测到|识别不了|识别不到|无法识别|不能识别) ?(?:openclaw|clawdbot|moltbot)|(?:cannot|can't|could not|couldn't|unable to|failed to) (?:find|locate|detect|resolve) (?:the )?['"]?(?:openclaw|clawdbot|moltbot)\b(?!\.json)|['"]?\b(?:openclaw|clawdbot|moltbot)(?<!\bmodel (?:named )?['"]?['"]?(?:openclaw|clawdbot|moltbot))['"]?(?: CLI| command| binary| executable)? (?:was |is )?(?:not found|not installed|missing)|ENOENT[^\n]{0,40}\b(?:bin|node_modules)\/(?:openclaw|clawdbot|moltbot)\b|(?:npm )?install(?:ation)? failed for (?:openclaw|clawdbot|moltbot)|npm (?:install|i) [^\n]{0,30}\b(?:openclaw|clawdbot|moltbot)@?\S* failed|\b(?:openclaw|clawdbot|moltbot) install(?:ation|er)? failed|(?:does not|doesn't|never|will not|won't) create[^\n]{0,30}\bbin\/(?:openclaw|clawdbot|moltbot)|\bno (?:`?dist\/`?|`?package\.json`?), no\b|Unknown command:? ['"]?(?:openclaw|clawdbot|moltbot)\b|CommandNotFoundException|(?:openclaw|clawdbot|moltbot)\.ps1 cannot be loaded|env: ['"]?(?:openclaw|clawdbot|moltbot|node)['"]?: No such file|(?:openclaw|clawdbot|moltbot)[^\n]{0,20}program not found|program not found[^\n]{0,20}(?:openclaw|clawdbot|moltbot)|spawn (?:\.\.\.|…) ENOENT|spawn\(['"](?:openclaw|clawdbot|moltbot)['"]\)|(?:openclaw|clawdbot|moltbot)[^\n]{0,30}not available (?:on|in) (?:your |the )?\$?PATH|(?:can't|cannot|unable to|couldn't|could not|fails? to|failed to) (?:run|execute|invoke) (?:the )?['"]?(?:openclaw|clawdbot|moltbot)['"]? (?:command|cli|binary)/i,
  ),
  // A Node.js the CLI or its installer does not support: the CLI never starts.
  cause(
    'node-unsupported',
    'openclaw_missing',
    /\bunsupported Node(?:\.js)? (?:version|v?\d)|\bNode(?:\.js)? (?:version )?v?\d+(?:\.\d+)*[^\n]{0,20}\b(?:is )?(?:not supported|unsupported|too old)\b|\binstall-cli(?:\.sh)?\b[^\n]{0,40}\b(?:fail\w*|abort\w*|exit\w*)|\b(?:fail\w*|abort\w*)\b[^\n]{0,40}\binstall-cli\b/i,
  ),
  cause(
    'oauth-refresh',
    'oauth_refresh_failed',
    /OAuth (?:token )?refresh failed|refresh_token_(?:invalidated|expired|revoked|not_found)|(?:token[- ])?refresh (?:miss|returns? `?null)|(?:OAuth|access|subscription) tokens?[^\n]{0,40}expire(?:s)? (?:every|after)|tokens? expire every|after \d+ hours? the (?:access |OAuth )?token expires|without (?:a )?refresh,|(?:never|not) (?:get |being )?refreshed|refresh endpoint[^\n]{0,40}(?:rate|limit|fail)|Failed to refresh OAuth token|token refresh (?:failed|\d{3})|invalid_grant|invalid_scope|refresh_token_reused|re-auth required|Authentication refresh failed|Model login (?:expired|failed) on the gateway|session_expired|invalid[_ ]refresh[_ ]token|sign_in_again|(?:OAuth|access|setup|manual|session)[- ]?token (?:is |has )?expired|\btoken (?:is|has) expired|could not be refreshed|refresh token (?:has already been used|is no longer valid|(?:has )?expired|is invalid|was revoked)|(?:has )?no refresh token|刷新失败|Credentials may have expired|:\s*expired\b|oauth[^\n]{0,40}(?:(?<!\b(?:not|never|isn't|wasn't|hasn't) )expired|re-?login|sign in again|log in again)|(?:sign|log) in again|re-?login required|session (?:has )?expired|account has been revoked|OAuth[^\n]{0,60}(?:fails?|failed|failing)\b|(?:令牌|token|登录|授权)[^\n]{0,6}已?过期|重新登录|刷新令牌|期限切れ|만료|\blogin (?:has |is )?expired|refresh token (?:was|is) (?:invalid|expired|revoked)|\b(?:token )?refresh (?:storms?|loops?)\b|\btoken[^\n]{0,30}\b(?:will not|won.t|does not|doesn.t|never|not|fails to|failed to) (?:auto-?)?refresh\b|(?:does not|doesn.t|never|fails to|failed to|won.t|will not) (?:auto-?)?refresh (?:the |its |it.s )?[^\n]{0,40}\btoken\b/i,
  ),
  cause(
    'env-override',
    'env_override',
    /ANTHROPIC_(?:API_KEY|AUTH_TOKEN|BASE_URL)[^\n]{0,120}(?:overrid|takes? precedence|shadow|stale|wins over|conflict|冲突|inherit)|(?:overrid|takes? precedence over|shadow|stale|conflict)[^\n]{0,80}ANTHROPIC_[A-Z_]+|env(?:ironment)? (?:file|var(?:iable)?s?)[^\n]{0,80}(?:takes? precedence|overrid|wins)|old value from[^\n]{0,60}env|(?:stale|old|retained|leftover|stray)[^\n]{0,40}(?:value|key|token|credential|variable)[^\n]{0,60}(?:precedence|shadow|overrid|wins)|takes precedence over|source=(?:shell )?env: ANTHROPIC_|Auth conflict|does not (?:source|inherit)[^\n]{0,30}(?:\.bashrc|\.zshrc|shell|env)|env(?:ironment)? var(?:iable)?s? (?:disappeared|are missing|were not (?:passed|inherited))|CLI and (?:the )?service (?:are using|use) different|gateway\.systemd\.env|unset ANTHROPIC_|ANTHROPIC_[A-Z_]+[^\n]{0,80}(?:instead of|rather than|still set|left ?over)|EnvironmentFile|EnvironmentVariables|\b(?:systemd|launchd|LaunchAgent)\b[^\n]{0,80}~?\/?\.openclaw\/\.env\b|launchctl setenv|(?:does not|doesn't|do not|don't) (?:include|pass|carry)[^\n]{0,60}(?:Environment=|service env)|in the `?Environment=`? entries|(?:LaunchAgent|launchd|systemd unit|service)[^\n]{0,80}with none of (?:those|the|your) (?:exports|variables)|silent drift|(?:both|two) (?:env )?files[^\n]{0,30}(?:disagree|differ|conflict)|\b[A-Z][A-Z0-9_]*_(?:API_KEY|TOKEN) appears (?:twice|more than once|multiple times)|duplicate (?:entry|entries|variable|key)[^\n]{0,40}\.env\b|(?:don't|do not|doesn't|won't|never) inherit[^\n]{0,30}(?:shell|env|environment|\.bashrc|\.zshrc|variables)|\benv(?:ironment)? overrides?\b|\b(?:using|uses|used|kept|keeps|keeping|retain(?:s|ed|ing)?) (?:the )?(?:old|stale|previous|outdated) values? of (?:the |its |their )?env(?:ironment)? (?:variables?|vars?)\b/i,
  ),
  // A key the process inherits from its environment (an "ambient" key) that the route then uses.
  cause(
    'env-inherited',
    'env_override',
    /\binherit(?:s|ed|ing)?\b[^\n]{0,40}\bANTHROPIC_(?:API_KEY|AUTH_TOKEN|BASE_URL)\b|\bambient (?:`?ANTHROPIC_\w+`?|(?:API )?keys?|credentials?|tokens?)\b|\b(?:works|succeeds|runs fine)\b[^\n]{0,60}\bwith `?ANTHROPIC_(?:API_KEY|AUTH_TOKEN)`? unset\b[^\n]{0,120}\b(?:fails?|breaks?)\b/i,
  ),
  // Any provider's or the gateway's variable winning over the configured value; OpenClaw's own
  // home/state variables sending config elsewhere; two credentials set at once (Claude Code's warning).
  cause(
    'env-var-precedence',
    'env_override',
    /\b[A-Z][A-Z0-9_]*_(?:API_KEY|AUTH_TOKEN|OAUTH_TOKEN|TOKEN|PASSWORD|BASE_URL)\b[^\n]{0,120}(?:\b(?:overr(?:ode|ides|iding|idden)\b|takes? precedence|took precedence|shadow(?:s|ed|ing)?|wins over|won over)|覆盖)|\bOPENCLAW_(?:HOME|STATE_DIR|CONFIG_PATH|CONFIG_DIR)\b[^\n]{0,120}(?:\bnested\b|\bwrong (?:location|place|directory|dir|path)|嵌套|错误的?(?:位置|目录|路径))|\b[Bb]oth\b[^\n]{0,80}(?:_TOKEN|_KEY|\b[Kk]ey|\b[Tt]oken)s? (?:are )?set\b[^\n]{0,40}(?:auth|unexpected|may not work|conflict)|\b[A-Z][A-Z0-9]*_(?:API_KEY|AUTH_TOKEN|OAUTH_TOKEN|BASE_URL|API_BASE)\b[^\n]{0,80}\b(?:[Uu]nset(?:ting)?|[Rr]emov(?:e|ed|ing)|[Dd]elet(?:e|ed|ing)) (?:it|that|this|the variable)\b[^\n]{0,40}\b(?:works?|worked|fixe[sd]|solved|resolved)\b|\b[Uu]nset(?:ting)? \$?[A-Z][A-Z0-9]*_(?:API_KEY|AUTH_TOKEN|OAUTH_TOKEN|BASE_URL|API_BASE)\b[^\n]{0,40}\b(?:works?|worked|fixe[sd]|solved|resolved)\b/,
  ),
  // The service's token baked in at install, a login pushed onto API billing by a key, a `.env` edit
  // that the service's environment snapshot keeps from taking effect.
  cause(
    'env-precedence',
    'env_override',
    /\btoken differs from (?:the )?service token|(?:silently|unexpectedly|quietly|stuck)\b[^\n]{0,60}?\b(?:to|onto|in|on|into|via) (?:the )?(?:metered |Platform |pay-as-you-go |usage-based )?API(?:[- ]key)? billing|\bAPI(?:[- ]key)? billing\b[^\n]{0,80}\b(?:instead of|rather than|even though|despite|although)\b[^\n]{0,80}\b(?:subscription|login|Pro|Max|plan|claude\.ai|OAuth)\b|(?:\.env\b|\benv(?:ironment)? file|EnvironmentFile)[^\n]{0,80}\b(?:old|stale|previous|outdated) (?:value|token|key)s?\b|(?:\.env\b|\benv(?:ironment)? file)[^\n]{0,40}\b(?:changes?|edits?)\b[^\n]{0,30}(?:could not|cannot|can't|don't|do not|doesn't|does not|never|won't|didn't|did not) (?:take effect|apply|get picked up)|\b(?:changes?|edits?) (?:to|in) (?:the )?[^\n]{0,30}?(?:\.env\b|\benv(?:ironment)? file)[^\n]{0,30}(?:could not|cannot|can't|don't|do not|doesn't|does not|never|won't|didn't|did not) (?:take effect|apply|get picked up)|\benv(?:ironment)? (?:file|variables?)\b[^\n]{0,40}\bsnapshot|\benv(?:ironment)? (?:values?|variables?|vars?)\b[^\n]{0,120}\b(?:using|uses|used|kept|keeps|keeping|retain(?:s|ed|ing)?) (?:the )?(?:old|stale|previous|outdated) values?\b/i,
  ),
  cause(
    'wrong-provider-key',
    'model_unavailable',
    /No API key found for provider "(?!anthropic")[a-z0-9][\w.-]*"/i,
  ),
  cause(
    'missing-key',
    'missing_auth',
    /No API key (?:found )?for provider|missing bearer (?:or basic )?authentication|missing (?:the |an? )?(?:x-api-key|api[- ]key|authorization) header|Missing API key for|No credentials found for profile|AUTH_PROFILE_MIGRATION_REQUIRED|AuthProfileMigrationRequiredError|Missing auth\b|effective=missing|Profiles: \(none\)|No auth configured|auth profile not found|No usable [\w-]+ authentication|missing_credential|token looks too short|(?:do not|don't) have an? (?:Anthropic )?(?:API )?key|api key (?:is )?(?:missing|not set|not configured|required)|(?:ANTHROPIC|OPENAI|GEMINI|GOOGLE)_API_KEY (?:is )?(?:not set|missing|empty|unset)|no (?:auth(?:entication)? )?credentials? (?:found|configured|provided)|no auth profiles?|(?<!(?:oauth|subscription|setup[- ]token)\b[^\n.;]{0,40})\bno api key\b|未配置[^\n]{0,10}(?:key|密钥)|缺少[^\n]{0,10}(?:key|密钥)|Could not resolve authentication method|Expected either apiKey or authToken|(?:API_KEY|api key) environment variable is missing|api_key client option must be set|x-api-key header is required|didn't provide an API key|no API key provided|API key (?:was )?not provided|API key not found|No auth (?:profile )?(?:found|configured) for|Missing credentials|(?<!\binvalid (?:or|and\/or) |\binvalid\/)missing (?:an? )?(?:API key|credentials?)\b|not logged in|(?:auth )?profile[^\n]{0,30}not found|auth-profiles\.json (?:is empty|not found|does not exist)|(?:API key|credential) (?:is )?required|(?<![A-Z])[A-Z]+_API_KEY (?:is )?(?:not set|missing|empty|unset|undefined)|effective=none|(?<!如|若|如果)没有[^\n]{0,6}(?:API ?Key|密钥)|profiles=0\b|Profiles: 0\b|no profiles (?:found|configured)|auth store (?:is )?empty|apiKey["']?\s*[:=]\s*["']{2}|(?:key|token|credential)s? (?:is |are )?not set\b|no anthropic (?:api )?(?:key|credentials?)|missing[_-](?:api[_-]key|provider[_-]auth)|MissingApiKey|NoApiKey|(?:未找到|找不到|没有找到|未设置|没有设置|未提供)[^\n]{0,10}(?:API ?Key|密钥|凭证|凭据)|x-api-key (?:header )?is required|api_key_required|provide (?:an? |your )?API key|did not find (?:an? |the |your )?[\w-]*api[_ -]?key\b|carry the API ?key|API key (?:is )?empty|empty API key|(?:missing|no) authorization header|authorization header (?:is )?(?:missing|required)|(?:isolated|cron|sub-?agent)[^\n]{0,60}(?:do(?:es)? not|don't|cannot|can't|could not|fails? to) (?:resolve|find|load|inherit) (?:the |its |an? )?(?:auth|credentials?|api key|profile|it\b)|(?:cannot|can't|could not|couldn't|unable to|fails? to|failed to) resolve (?:the |its |an? )?(?:auth(?:entication)? )?(?:profile|credentials?|api key)|missingProvidersInUse["']?\s*[=:]\s*\[\s*["']|\bin (?:auth\.)?missingProvidersInUse\b|需要(?:配置|设置|填写|输入|提供)[^\n]{0,6}(?:API ?Key|key|密钥)/i,
  ),
  cause(
    'cooldown-refusal',
    'cooldown',
    /No available auth profile for \S+ \(all in cooldown|\b(?:all|every) (?:[\w-]+ ){0,2}(?:credentials?|keys?|profiles?|accounts?)\b[^\n]{0,40}\b(?:are|is) (?:all |now |still )?cooling down\b|Every auth profile for \S+ is (?:cooling down|blocked|disabled)|No deployments available for (?:the )?selected model|is in cooldown|\b(?:also|now) in cooldown\b|\b(?:all|every|both) (?:of (?:the|its|my) )?(?:[\w-]+ ){0,2}(?:providers?|profiles?|models?|accounts?|keys?|candidates?|fallbacks?) (?:are |is |were |was |now |also )*(?:in|on) cooldown\b|all in cooldown|probing cooldowned auth profile|has (?:auth|auth_permanent|billing) issue \(skipping all models|No available (?:compatible )?accounts|blacklisted|skipping (?:all|every) models?|refused to try|all profiles (?:are )?unavailable|unusableProfiles(?!["']?\s*[=:]\s*\[\s*\])/i,
  ),
  {
    ...cause(
      'cooldown-state',
      'cooldown',
      /\[cooldown \d|Auth profile cooldowns|cooldown \(\d+[smhd]\)|disabled:auth|\bwindow=(?:cooldown|disabled)\b|windowType:? ?"?disabled|disabledUntil|disabledReason|cooldownUntil|blockedUntil|blockedReason/i,
    ),
    state: true,
  },
  cause(
    'cooldown-described',
    'cooldown',
    /\b(?:stuck|still|remains?|stays?|kept|keeps) (?:in )?(?:a |the )?cooldown|cooldown[^\n]{0,40}(?:reset|extend|never (?:ends|expires|clears))|(?:resets?|extends?) the cooldown|cooldown loop|\b(?:wait(?:s|ed|ing)? (?:for|until|till|on)|until|till|once|because|while) (?:the |a |its )?cooldown (?:expires|ends|clears|resolves|lifts|is over|passes|runs out)|\b(?:puts?|placed?|places|marks?|marked|sends?|sent|goes|went|enters?|entered|moved?) [^\n]{0,120}into (?:a |the )?cooldown|(?<!(?:\bnot|\bnever|\bwithout|n't) )\b(?:trigger(?:s|ed|ing)?|start(?:s|ed|ing)?|caus(?:es|ed|ing)) (?:an? |the )?(?:[\w-]+ ){0,3}cooldowns?\b|(?<!(?:\bnot|\bnever|n't) )\b(?:enter(?:s|ed|ing)?|went|goes|going) (?:in(?:to)? )?(?:a |the )?cooldown\b|(?:→|->|=>) ?(?:a |the )?cooldown\b|\b(?:rate[- ]limit(?:ed)?|429|billing|auth|credential|overload(?:ed)?) cooldowns?\b(?! (?:config|settings?|durations?|defaults?|values?|steps?|times?)\b)|\bcooldowns?\b[^\n]{0,40}\b(?:propagat\w*|spread\w*|leak\w*|bleed\w*)|\b(?:block(?:s|ed|ing)?|back(?:s|ed|ing)? ?off|lock(?:s|ed|ing)? out)\b[^\n]{0,10}\b(?:the )?(?:entire|whole) [\w-]+ provider\b/i,
  ),
  ...CHANNEL_RULES,
  cause(
    'forbidden',
    'permission_denied',
    /permission_error|\b(?:requires|required|needs) (?:an? )?(?:active |paid |valid )?subscription\b|\bsubscription (?:is )?required\b|not allowed for this organization|Authentication failed with an HTML 403|does not meet scope requirement|\b403\b[^\n]{0,40}permission|(?:country|region|territory)[^\n]{0,30}not supported|unsupported_country|unsupported (?:countr(?:y|ies)|regions?|territor(?:y|ies)|locations?)|not (?:available|allowed|supported) (?:in|from) (?:your|this) (?:country|region|location)|permanently (?:denied|refused|revoked|banned)|IP not authorized|IP allowlist|allowlist for your (?:project|organization)|AccessDenied|(?:don't|do not|does not) have access to (?:the )?model|use case (?:details|form)|无权|(?:限制|不支持|不服务|受限)的?(?:国家|地区)|(?:国家|地区)(?:限制|不支持|受限)|only authorized for use with|cannot be used for other API requests|account has been deactivated|does not have permission|do(?:es)? not have (?:permission|access to this)|not authorized to (?:use|access)|access (?:is )?denied(?![^\n]{0,80}(?:arrear|欠费|good standing|invalid (?:subscription )?key))|PERMISSION_DENIED|(?:Vertex(?: AI)?|Bedrock|Gemini|IAM) permission denied|service account[^\n]{0,30}(?:is )?(?:missing|lacks|does not have)[^\n]{0,40}\brole|organization has been disabled|org(?:anization)? (?:is )?(?:disabled|suspended)|account (?:is |has been )?(?:suspended|disabled|banned)|insufficient permissions?\b|权限不足|没有权限|无权访问|keine Berechtigung|accès refusé|acceso denegado|permiso denegado|権限がありません|권한이 없|доступ запрещ[её]н|(?:key|token|account)[^\n]{0,20}lacks (?:the )?(?:required )?permissions?/i,
  ),
  cause(
    'rejected-key',
    'invalid_key',
    /authentication_error|invalid x-api-key|invalid bearer token|invalid api key|invalid subscription key|incorrect api key|api key (?:revoked|deactivated|deleted)|key has been (?:disabled|revoked)|OAuth authentication is currently not supported|api key (?:is )?(?:invalid|not valid)|API_KEY_INVALID|key 无效|\bapi[ _-]?key (?:(?:is|has|could be|may be|might be|was|seems) )?(?:been )?expired\b|\bexpired api[ _-]?key\b|api ?(?:key|token|密钥|令牌) ?(?:无效|错误|不正确|不对)|invalid authentication credentials|LLM request unauthorized|invalid[_ ](?:api[_ ])?key\b|key (?:is )?(?:wrong|incorrect)|无效的?(?:令牌|密钥)|(?:令牌|密钥) ?无效|认证失败|鉴权失败|invalid token|invalid[_ ]credentials|bad credentials|wrong api key|invalid authentication\b|could not (?:authenticate|validate)[^\n]{0,40}(?:api[_ ]?key|credentials)|API ?(?:密钥|key) ?错误|无效的 ?API|API-Schlüssel[^\n]{0,20}ungültig|ungültige[rn]? API|clé API invalide|clave de API no válida|無効なAPIキー|유효하지 않은 API 키|неверный (?:API[- ])?ключ|\btoken exchange failed\b|\breported as leaked\b|\bleaked\b[^\n]{0,30}\b(?:api )?key\b|\b(?:api )?key\b[^\n]{0,60}\b(?:got |been |was )?revoked\b/i,
  ),
  cause(
    'gateway-http-401',
    'gateway_client_auth',
    /(?:gateway\/(?:ws|http)|:18789)[^\n]{0,80}\b401\b|(?:localhost|127\.0\.0\.1)(?<!\/v1\/messages\b[^\n]{0,120}(?:localhost|127\.0\.0\.1))[:/](?![^\n]{0,80}\/v1\/messages\b)[^\n]{0,80}\b401\b|gateway (?:returned|responded|answered)[^\n]{0,30}\b401\b/i,
  ),
  cause(
    'billing',
    'billing',
    /credit balance (?:is )?too low|billing error|HTTP 402|payment required|insufficient credits|insufficient_quota|out of extra usage|extra usage is required|disabled:billing|plans & billing|extra usage|third-party apps?[^\n]{0,60}(?:usage|billing|plan)|billing[_ ]not[_ ]active|enable billing|Abrechnung|余额不足|欠费|(?:credit|credits|balance)[^\n]{0,30}(?:too low|insufficient|exhausted|run out|ran out|depleted)|out of credits|\b(?:buy|bought|buying|purchas(?:e|ed|ing)|top(?:ped)? up) (?:some )?(?:more|extra|additional) (?:tokens|credits?|balance|funds)\b|\barrear(?:s|age)\b|insufficient (?:balance|funds)|billing details|payment (?:failed|declined)|充值|insufficient (?:usd or diem )?balance|quota (?:is )?not enough|not enough quota|(?:remain(?:ing)?|need) quota:|requires? more credits|额度不足|账户欠费|\b(?:token |subscription |coding |package )?plan(?:'s)? quota (?:has been |is |was )?(?:exhausted|used up|depleted|run out)|套餐的?额度已?(?:用完|用尽|耗尽|不足)|Guthaben|(?:crédit|solde) insuffisant|saldo insuficiente|クレジット残高|잔액 부족|недостаточно средств|\bspend(?:ing)? (?:limit|cap) (?:has been |was |is )?(?:reached|exceeded|hit)|(?:reached|hit|exceeded) (?:your |the |its |our |my )?(?:monthly |daily |weekly |account |organization )?spend(?:ing)? (?:limit|cap)/i,
  ),
  ...CONTEXT_RULES,
  cause(
    'rate-limit',
    'rate_limited',
    /rate_limit_error|rate limit reached|exceed the rate limit|Rate-limited — ready in|temporarily rate-limited|HTTP 429|too many requests|exceeded your current quota|tokens per minute|weekly limit reached|resource_exhausted|ThrottlingException|throttl|quota (?:has been |is |was )?(?:exceeded|exhausted)|rate[- ]limit(?<!\b(?:same way as|treated as|handled as|retried as|retried like|classified as|reported as|mislabell?ed as|misread as|just like|similar to) an? rate[- ]limit)(?<!(?:(?:(?:\bnot|n't|\bnever) (?:related to|due to|caused by|because of|about|an? (?:issue|problem) with)|\bnothing to do with)(?: (?:the |an? |my |your |any )?[\w-]{1,20}(?: [\w-]{1,20})?,){0,4} (?:or |and |nor )?(?:the |an? |my |your |any )?|(?:\bnot|n't) an? )rate[- ]limit)(?:ed| exceeded|s)?\b|TooManyRequests|usage limit|subscription_limit|请求过于频繁|频率限制|限流|速率限制|负载已饱和|RateLimitError|requests per (?:minute|day)|(?<!\bcontext(?: window| length)? )limit (?:reached|exceeded)|reached (?:your|the) (?![\w -]{0,30}\bcontext\b)[\w -]{0,30}limit|retry[-_]after\b|retry after:? ?~?\d|slow down|model_cooldown|resource has been exhausted|tokens per day|\btpm\b|\b(?:RPM|RPD)\b[^\n]{0,6}(?:限制|限流|上限|超限|limits?\b|cap\b|exceeded|reached)|(?:limits?|限制|上限)[^\n]{0,8}\b(?:RPM|RPD)\b|\b(?:daily|weekly|monthly) (?:usage )?limits?\b|Zu viele Anfragen|Trop de requêtes|Demasiadas solicitudes|Muitas solicitações|リクエストが多すぎ|レート制限|요청이 너무 많|속도 제한|Слишком много запросов|(?:配额|额度)已?(?:用尽|耗尽|用完)|超出配额|请求频率|(?:リソース|资源)[^\n]{0,12}(?:枯渇|耗尽)|利用が制限/i,
  ),
  cause(
    'client-timeout',
    'network',
    /LLM idle timeout|LLM request timed out|no response from (?:the )?model/i,
  ),
  // A browser engine's (Electron's) own network error in a body: the connection failed, whatever the status.
  cause('client-net-error', 'network', /\bnet::ERR_[A-Z_]+/),
  cause(
    'overloaded',
    'overloaded',
    /overloaded_error|HTTP 529|temporarily overloaded|\boverloaded\b|\b(?:server|service|model|engine|upstream)_(?:is_)?overloaded\b|high demand|temporarily unavailable \(HTTP 5\d\d\)|Service Unavailable|server (?:is )?busy|over capacity|HTTP 50[023]|(?<!subtype\W{1,4})\bapi_error\b|upstream connect error|服务器繁忙|过载|(?:at|over|insufficient|no) capacity|(?<!HTTP\/\d(?:\.\d)?"? 5\d\d )Internal server error|InternalServerError|ServiceUnavailable|temporarily unavailable|繁忙|服务不可用|überlastet|surchargé|sobrecargad|過負荷|과부하|перегружен|访问量过大|负载过高/i,
  ),
  cause(
    'model-not-found',
    'model_unavailable',
    /Unknown model|\b(?:default|configured|fallback)(?:,[\w:-]+)*,missing\b|model not allowed|invalid model:|not_found_error|HTTP 404|selected model was not found|Model (?:override )?"[^"]+" is not allowed|not a valid model|models\/\S+ is not found|No endpoints found for|no available model provider|issue with the selected model|model[^\n]{0,40}(?:does not exist|may not exist)|model_not_found|(?:unsupported|unknown) model\b|invalid model (?:id|identifier|name)|model identifier is invalid|model (?:is )?not supported|\bmodel ['"]?[\w.:/-]{1,60}['"]? is not supported\b|no available channels? for (?:the )?model|无可用渠道|not a supported model|model[^\n]{0,30}(?:deprecated|retired|decommissioned|no longer (?:available|supported))|model_decommissioned|no such model|model (?:is )?(?:not available|unavailable)|is not found for API version|model[^\n]{0,40}not (?:in|on) the allow ?list|model[^\n]{0,40}not found|model[^\n]{0,30}(?:does not|doesn't) support|\binvalid model\b|model_not_supported|unsupported_model|no (?:default )?model (?:configured|set|selected)|unknown provider|no provider (?:named|registered)|(?:cannot|can't|could not) find (?:the )?model|model[^\n]{0,40}(?:is )?not allowed|unrecognized model|provider prefix|\b(?:openai|openai-codex|google|gemini|groq|mistral|xai)\/claude-|\banthropic\/(?:gpt|gemini|o\d)-|不在[^\n]{0,10}`?agents\.defaults\.models|not (?:in|listed in) `?agents\.defaults\.models|模型不存在|模型未找到|找不到模型|不支持的?模型|模型不可用|(?:models?|provider entries|providers?)[^\n]{0,60}(?:not showing up|missing|do(?:es)?n't (?:show|appear)|never appears?) (?:in|from) [^\n]{0,60}(?:model (?:selector|picker|list|dropdown)|models\.providers)/i,
  ),
  // The runtime (agent harness) a model route needs is not registered in this build: no model on
  // that route can serve, as with a model the provider does not know.
  cause(
    'harness-not-registered',
    'model_unavailable',
    /\bagent harness "?[\w.-]+"? is not registered|\bharness[^\n]{0,30}\bnot (?:registered|loaded|found)\b/i,
  ),
  cause(
    'network',
    'network',
    /LLM request failed: (?:connection refused|network|DNS|the provider endpoint is unreachable|proxy)|\b(?:ENOTFOUND|EAI_AGAIN|ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ECONNABORTED)\b|socket hang up|(?:TypeError|\berror|rawError)["']?\s*[:=]\s*["']?terminated\b(?!\s+(?:by|with|due|because))|fetch failed|\bConnection error\b|(?:request|connection|LLM)[^\n]{0,15}tim(?:ed ?out|eout)|connection (?:closed|reset|dropped) mid|Unable to connect to (?:the )?API|(?:unable|fail(?:s|ed)?|could not|couldn't|cannot|can't) (?:to )?connect to (?:the )?(?:Anthropic|OpenAI|Claude(?! Code| Desktop| app)|api\.[\w-]+\.(?:com|ai))\b(?![^\n]{0,30}\b(?:error|status|code|HTTP)\W{0,3}[45]\d\d\b)|UND_ERR_[A-Z_]+|getaddrinfo|self[- ]signed certificate|unable to (?:get|verify)[^\n]{0,30}certificate|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+|TLS handshake|APIConnectionError|network (?:error|is unreachable|unreachable|connection)|proxy (?:error|connect)|ERR_PROXY|connection refused|DNS lookup|stream (?:closed|aborted)|without sending (?:any )?chunks?|deadline exceeded|network request failed|\b(?:EPIPE|ESOCKETTIMEDOUT|EHOSTDOWN|ENETRESET)\b|curl: \((?:5|6|7|28|35|56)\)|Couldn't connect to server|Could not resolve (?:host|proxy)|(?:fails?|failed|unable|cannot|can't|could not|couldn't) (?:to )?resolve (?:the )?(?:domain|host ?name|host)|连接超时|请求超时|网络错误|连接失败|无法连接|Zeitüberschreitung|délai d'attente|agot\w* (?:su |el )?tiempo de espera|tiempo de espera (?:agotado|excedido)|tempo (?:limite )?(?:de espera )?esgotado|(?:响应|读取)超时|タイムアウト|시간 초과|тайм-?аут/i,
  ),
  // Last of the causes: a request the provider refused for its shape, which no route label fixes;
  // any route failure the same text names outranks it.
  cause(
    'request-rejected',
    'unknown',
    /rejected the request (?:schema|body|payload)|error decoding response|kind: Decode\b|(?:failed to|could not|couldn't|unable to) (?:decode|parse) (?:the )?(?:upstream |provider |model )?response|request (?:body|payload|schema) (?:itself )?(?:is |was )?(?:being )?(?:rejected|invalid|malformed)|\btool payload\b|\bloc['"]?\s?:\s?[([]\s?['"]body['"]|malformed request\b|invalid request (?:body|payload|schema)/i,
  ),
  ...TOOL_RULES,
  // A coding agent the gateway runs as a child (Claude Code, Codex, Gemini CLI) exiting: it is not
  // the gateway going down, and says nothing of the route by itself; any
  // route failure the same line names outranks it.
  cause(
    'agent-cli-exit',
    'unknown',
    /\b(?:Claude Code|claude(?:-code)?|codex|gemini(?:-cli| CLI)?|acpx)(?: CLI)? (?:process|subprocess|child process)? ?exited with (?:code|status) [1-9]/i,
  ),
  // A client of the gateway (a wrapper's, a bridge's) dying while the gateway runs: not the gateway down.
  cause('gateway-client-died', 'unknown', /\bgateway client (?:process )?(?:died|crashed|exited|quit)\b/i),
  // A symptom the text itself calls false ("timeout despite the gateway being fully operational"):
  // outranks symptoms, and every other cause outranks it.
  cause(
    'healthy-despite',
    'healthy',
    /\b(?:despite|even though|even when|even while|although) (?:the )?(?:gateway|service|server|daemon|openclaw|it|everything)(?: is| was| being)? (?:(?:fully |otherwise |actually |perfectly )?(?:operational|healthy|up and running|reachable|functional)|(?:fully|actually|perfectly) running)\b|\bfalsely (?:report|flag|show|mark|claim)\w*/i,
  ),
  ...SYMPTOM_RULES,
];

/**
 * The symptoms a gateway log line is read for. Other symptoms (a bare status code, "crashed", a
 * cooldown named in passing) say something only about text a person pasted about the route; in a
 * busy gateway's log they are as likely about a channel or a plugin.
 */
const LOG_SYMPTOMS: ReadonlySet<string> = new Set([
  'gateway-unreachable',
  'unauthorized',
  'forbidden-status',
]);

/**
 * Causes the log reader leaves to pasted text: a context overflow, a tool's or CLI command's run, a
 * chat channel's own credential. In a gateway log they say nothing of the route, and as its latest
 * failure they would hide the route's own.
 */
const PASTE_ONLY: ReadonlySet<string> = new Set(
  [...CONTEXT_RULES, ...TOOL_RULES, ...CHANNEL_RULES].map((r) => r.id),
);

/** Whether the log reader (diagnose, the cooldown watcher) takes what this rule recognises. */
export const readInLogs = (rule: { readonly id: string; readonly weight: Weight }): boolean =>
  (rule.weight === 'cause' && !PASTE_ONLY.has(rule.id)) || LOG_SYMPTOMS.has(rule.id);

/** The match widened to the whitespace around it: whole words only. */
function spanAt(text: string, index: number, length: number): string {
  const before = text.slice(0, index).search(/\S*$/);
  const after = text.slice(index + length).search(/\s|$/);
  return text.slice(before, index + length + after).slice(0, 200);
}

export type Found = { rule: TextRule; span: string };

/** The best phrase rule for `text` by the ranking above, or `null`. */
export function bestPhrase(raw: string, skip?: (rule: TextRule) => boolean): Found | null {
  const text = phraseText(raw);
  let best: Found | null = null;
  for (const rule of TEXT_RULES) {
    if (skip?.(rule)) continue;
    if (best && (best.rule.weight === 'cause' || rule.weight === 'symptom')) {
      if (best.rule.weight === 'cause') break;
      continue;
    }
    const m = rule.pattern.exec(text);
    if (m) best = { rule, span: spanAt(text, m.index, m[0].length) };
  }
  return best;
}
