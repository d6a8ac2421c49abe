import { symptom, type TextRule } from './text-rule.js';

/**
 * The symptom rules of the phrase ranking (text-phrases.ts): words that say only that something
 * failed. Every cause outranks them; among them the one listed first wins.
 */
export const SYMPTOM_RULES: readonly TextRule[] = [
  symptom(
    'gateway-unreachable',
    'gateway_down',
    /Gateway not reachable|(?:RPC|Connectivity) probe: failed|gateway (?:closed \(1006|timeout after|connect failed: (?!GatewayClientRequestError))|Runtime: stopped|port \d+ is already in use|"reachable":\s*false|\b1006\b|(?:gateway|openclaw|clawdbot|moltbot|service|daemon|process|container)[^\n]{0,30}crash(?:ed|es|ing)?\b|crash(?:ed|es|ing)?[^\n]{0,20}(?:gateway|openclaw|service|daemon)|crash[- ]loop|restart loop|unhandled promise rejection|(?:process|gateway)[^\n]{0,30}exit(?:ed|s)\b|exit code \d|Still waiting for (?:the )?Gateway|gateway[^\n]{0,40}(?:is gone|went away|is down|is not running|not running|unreachable)|openclaw is down|start[^\n]{0,20}fail(?:ed|s)?\b|lock timeout|Exited \(\d+\)|SIGKILL|SIGSEGV|out of memory|\bunhealthy\b|Health check failed|(?:could not|couldn't|cannot|can't|failed to|unable to) (?:connect|reach)(?: to)? (?:the )?gateway|gateway[^\n]{0,20}(?:offline|stopped|not started)|no gateway (?:running|found)|refused to connect|can't be reached|(?:无法|不能|没法)连(?:接)?(?:到|上)? ?(?:Gateway|网关)|Main process exited|code=exited|\bKilled\b|(?<!without |try |trying |tried |after )\brestarting\b(?![^\n]{0,40}\b(?:will|would|should|might) (?:solve|fix|resolve|help)\b)|exit(?:ed)? with (?:code|status) [1-9]|exit status [1-9]|non-zero exit|port \d+ (?:is )?(?:already )?in use|Restarting \(\d+\)|keeps restarting|exit(?:s|ed) immediately|(?:gateway|server|daemon)[^\n]{0,30}(?:not responding|unresponsive|hung|hangs|froze)|(?<!(?:\bapi\.[\w-]+\.[a-z]+|provider|upstream_status)\b[^\n]{0,40})\b502 Bad Gateway|healthz?[^\n]{0,30}(?:fail|refused|down)|(?:waiting for|wait for) (?:the )?gateway|gateway (?:did not|didn't|never) (?:become ready|start|come up)|before ready|Service: (?:stopped|inactive)|\(1012\)|gateway[^\n]{0,10}(?:unavailable|not available)|pm2[^\n]{0,40}(?:errored|stopped)|(?:gateway|openclaw|service|container|process)[^\n]{0,30}\bOOM\b|\bOOM[- ]?kill|Reachable: no\b|start-post operation timed out|(?:gateway (?:probes?|status|health(?: checks?)?|rpc|calls?)|openclaw (?:gateway )?(?:status|probe|health))(?:(?!anthropic|openai|provider|model|LLM)[^\n]){0,50}\b(?:time out|timed out|timing out|times out)|Control process exited|(?:gateway )?service install(?:ation)? (?:is )?(?:not supported|unsupported) on\b/i,
  ),
  // Chinese for a gateway or its container that will not start, keeps restarting, or never opens its port.
  symptom(
    'gateway-down-zh',
    'gateway_down',
    /(?:一直|反复|不断|频繁|循环|无限)(?:地)?重启|重启循环|拉不起来|起不来|启动不(?:了|起来)|(?:无法|不能|没法|没办法)(?:正常)?启动|端口[^\n]{0,6}(?:没|没有|未)(?:起来|监听|打开)/,
  ),
  // A bare "unauthorized" said of starting or opening the gateway or its UI, before the 401 rules.
  symptom(
    'gateway-unauthorized',
    'gateway_client_auth',
    /\bunauthori[sz]ed\b[^\n.]{0,20}\b(?:when|whenever|after|on) (?:I |we |you )?(?:start|open|run|launch|connect|log ?in|access|visit)\w*\b[^\n.]{0,30}\b(?:gateway|dashboard|control ui|webchat)\b|\b(?:dashboard|webchat|web ui)\b[^\n.]{0,40}\bunauthori[sz]ed\b|\b(?:gateway|dashboard) (?:says|shows|returns|displays|responds|replies|answers)[^\n.]{0,20}\bunauthori[sz]ed\b/i,
  ),
  symptom('forbidden-status', 'permission_denied', /HTTP 403|\b403\b[^\n]{0,40}forbidden/i),
  symptom(
    'unauthorized',
    'invalid_key',
    /HTTP 401|\b401\b[^\n]{0,40}(?:unauthori[sz]ed|invalid|not found|auth)|\b(?:providers?|keys?|credentials?|profiles?)\b[^\n]{0,20}\bfail(?:s|ed|ing)? (?:to )?authenticat(?:e|ion)\b|\b401\b ?身份验证|身份验证|\bauthentication (?:with|to|against) (?!(?:the |your )?(?:gateway|dashboard|control ui)\b)[\w.-]+(?: [\w.-]+)? (?:did not|didn't|could not|couldn't) succeed\b/i,
  ),
  symptom(
    'cooldown-named',
    'cooldown',
    /\bcooldown\b|cooling down|cooled[- ]down|disabled until|\bback(?:ing)? off\b|\bbackoff\b|冷却|クールダウン/i,
  ),
  symptom(
    'config-hint',
    'config_invalid',
    /in JSON at position|(?:config|openclaw\.json)[^\n]{0,20}(?:not found|missing|does not exist)/i,
  ),
  symptom(
    'service-logs-hint',
    'gateway_down',
    /journalctl --user -u \S+ -n \d+|Launchd stderr|schtasks \/Query/i,
  ),
  symptom(
    'http-404',
    'model_unavailable',
    /(?:^|[^0-9,.:])(?<!"\w*(?:Chars|Tokens|Ms|Bytes|Count|Size|Length|Seconds)"\s*:\s*)404\b(?![.:,][0-9])/,
  ),
  // A hedge among possible causes ("the key may have insufficient quota") names no quota refusal.
  symptom(
    'quota',
    'rate_limited',
    /\bquota\b(?<!\b(?:may|might|could) (?:have |be )?(?:an? )?(?:insufficient|exceeded|reached|hit|run out of|no|low|out of)(?: (?:its|the|your|their))? quota)/i,
  ),
  symptom(
    'command-missing',
    'openclaw_missing',
    /command not found|不是内部或外部命令|npm (?:install|i|rm|uninstall) (?:-g|--global) (?:openclaw|clawdbot|moltbot)\b|node_modules\/\.(?:openclaw|clawdbot|moltbot)-/i,
  ),
  symptom('base-url', 'env_override', /ANTHROPIC_BASE_URL/),
  symptom(
    'http-429',
    'rate_limited',
    /(?:^|[^0-9,.:])(?<!"\w*(?:Chars|Tokens|Ms|Bytes|Count|Size|Length|Seconds)"\s*:\s*)429\b(?![.:,][0-9])/,
  ),
  symptom(
    'http-5xx',
    'overloaded',
    /(?:^|[^0-9,.:])(?<!"\w*(?:Chars|Tokens|Ms|Bytes|Count|Size|Length|Seconds)"\s*:\s*)5(?:29|03|02|00)\b(?![.:,][0-9])/,
  ),
  symptom('http-403', 'permission_denied', /(?:^|[^0-9,.:])403\b(?![.:,][0-9])|\bforbidden\b/i),
  symptom(
    'auth-failed',
    'invalid_key',
    /\bunauthori[sz]ed\b|authentication failed|\bauthori[sz](?:ed|ation) fail(?:ed|ure)\b|(?:^|[^0-9,.:])401\b(?![.:,][0-9])/i,
  ),
  symptom('billing-named', 'billing', /\bbilling\b|\bcredits?\b[^\n]{0,20}(?:low|exhausted|empty)/i),
  symptom('timeout', 'network', /(?<!--)\btimed?[ -]?out\b/i),
  symptom(
    'auth-hint',
    'missing_auth',
    /Configure (?:the gateway )?auth for|Configure provider auth|paste-api-key|models auth login|\b(?:run|re-?run|use|try|with|via) `?openclaw onboard\b|openclaw onboard --(?:auth|anthropic|token|api)|agents add/i,
  ),
  // Not `config set`'s own confirmation ("Updated gateway.auth.token. Restart the gateway to apply.").
  symptom(
    'gateway-auth-hint',
    'gateway_client_auth',
    /(?<!Updated )gateway\.(?:auth|remote)\.(?:token|password)/i,
  ),
  symptom(
    'healthy',
    'healthy',
    /(?:RPC|Connectivity) probe: ok\b|(?=healthy\b)(?<!\b(?:conclud\w{0,3}|assum\w{0,3}|believ\w{0,3}|think\w?|thought|presum\w{0,3}|decid\w{0,3}) (?:that )?(?:the |their |our |your |it |everything )?(?:[\w-]{1,20} )?(?:is |was |are |looks? )?)\bhealthy\b|all checks passed|no issues found(?![,;]? but\b)|works (?:again|now|fine)(?! (?:with|via|using|from|in) (?:a |plain |direct |raw )?(?:curl|postman|the API directly)\b)|Reachable: yes\b|Runtime: running\b|\bstatus\\*"?\s*[=:]\s*\\*"?(?:ok|live|usable)\b|\bOK \(\d+ms\)|(?:·|\.\.\.|…) reachable\b|· running\b|\breachable ~?\d+ms|\b(?:health|probe)\b[^\n]{0,12}\bok\b|\bok expires in\b|🔑 (?:oauth|api[- ]key|token)|returns `?ok\b|\bsucceeds\b|^Listening: \S+:\d+|✓ Port \d+|Detected (?:OpenClaw )?Gateway listener|\breachable ~?\d+(?:\.\d+)?m?s\b|Capability: (?:connected|admin|operator|read|write)\b|\bno issues\b(?!(?: found)?[,;]? but\b)|\baudit clean\b|no (?:problems|errors) (?:found|detected)|No action required|\b(?:running|working) normally\b|\b(?:problem|issue) (?:is )?(?:solved|fixed|resolved)\b|(?:--probe|probe|探测)[^\n]{0,4}(?:成功|通过)|(?:无|没有)明显的?(?:错误|报错|异常)|(?<!不能|无法|没有|没能|没|未|不)正常(?:地)?(?:生成|返回)?(?:回复|响应)|^solved\b|(?<!(?:not|n't|never) )\bwork(?:s|ed|ing)? (?:fine|normally|as expected|again)\b(?! (?:with|via|using|from|in) (?:a |plain |direct |raw )?(?:curl|postman|the API directly)\b)|\b(?:test|check|probe|status)[^\n]{0,20}\b(?:now )?(?:returns|turns|turned|shows|went|goes) green\b|\bstill work(?:s|ed|ing)?\b|\b(?:also|all|both) succeeded\b|\bavailable["']?\s*:\s*true\b|["']ok["']?\s*:\s*true\b|\bsummary["']?\s*:\s*["']?completed\b|\bstatus["']?\s*[=:]\s*["']?(?:completed|succeeded|success)\b|\b(?:turn|run|request|reply) (?:completed|succeeded)\b|missingProvidersInUse["']?\s*[=:]\s*\[\s*\]|\bshows? (?:them|it) as authenticated\b|\bA Gateway is running for\b|\bactually (?:alive|running|up|healthy|working|answering|reachable|fine)\b|\b(?:false (?:negative|alarm)|cosmetic (?:bug|issue|only))\b|\bloggedIn\W{0,3}[=:]\s*true\b|(?<![\w.])[\w.]*(?:readiness|auth(?:entication)?\.state)\s*[=:]\s*["']?(?:ready|authorized|authenticated)\b/i,
  ),
  // A run that finished normally whatever its log level says; a chat that works once started (Chinese).
  symptom(
    'healthy-completed',
    'healthy',
    /\bno (?:actual|real) (?:failure|error|problem)s?\b|\b(?:response|reply) (?:latency|times?|speed)\b[^\n]{0,20}\b(?:much |a lot |way |far )?(?:better|faster|improved)\b|\b(?:verification|test|smoke|check)s?(?: results?| tests?)?\s*:\s*(?:✅\s*)?PASS(?:ED)?\b|\b(?:runs?|task|turn|sub-?agent|agent|request|job|reply|session)\b[^\n]{0,30}(?<!(?:not|n't|never) )\b(?:completes?|completed|finished|ran) successfully\b|(?:就|已经?|成功)(?:可以)?(?:直接|正常)?(?:和|跟|与)[^\n]{0,20}(?:聊天|对话)了|(?<!不|无法|没有?)(?:就|已经?)启动(?:了|啦)|(?<!(?:没|未|无法|不能|不)[^\n，。,.]{0,4})启动成功/i,
  ),
  // A check reported as passed ("Verification Result: ✅ PASS"); replies said to come faster after a change.
  symptom(
    'healthy-verified',
    'healthy',
    /\b(?:verification|smoke[- ]?tests?|tests?|checks?|health ?checks?) (?:result|status|outcome)s?\W{0,3}[:=]\W{0,4}PASS(?:ED)?\b|\b(?:latency|response times?)\b (?:(?:looks?|is|are|feels?|got|seems?) )?(?:(?:much|a lot|way|far) )?(?:better|faster|improved|lower)\b/i,
  ),
  // A failure told with no error shown at all: nothing to conclude from, so no guess either (last).
  symptom(
    'no-error-shown',
    'unknown',
    /没有任何(?:错误|报错)(?:提示|信息|日志)?|(?:无|没有)任何(?:报错|错误|提示)|\b(?:without|with no) (?:any )?error (?:messages?|output)\b|\bno error (?:messages? )?(?:is |was |gets |got )?(?:shown|printed|logged|reported|displayed)\b|\bno error messages? at all\b/i,
  ),
];
