import type { Label } from './diagnosis.js';

/**
 * How much a match says. `cause`: why the route fails (a rejected key, a token mismatch);
 * `symptom`: only that something failed (a probe failed, an HTTP 401 with no more said).
 */
export type Weight = 'cause' | 'symptom';

export type TextRule = {
  readonly id: string;
  readonly label: Label;
  readonly weight: Weight;
  readonly pattern: RegExp;
  readonly state?: true;
};

const cause = (id: string, label: Label, pattern: RegExp): TextRule => ({
  id,
  label,
  weight: 'cause',
  pattern,
});
const symptom = (id: string, label: Label, pattern: RegExp): TextRule => ({
  id,
  label,
  weight: 'symptom',
  pattern,
});

/**
 * Message strings of OpenClaw, Anthropic and other providers, and the words people use for them.
 * Ranking within one text: a `cause` rule outranks a `symptom` rule; among rules of the same
 * weight the one listed first wins. The order encodes which message hides which: a cooldown
 * refusal names its reason ("is in cooldown (billing)"), so cooldown comes before billing; a 403
 * message also says "authentication failed", so permission comes before the 401 rules; a
 * credential-precedence story comes before the 401 it causes.
 */
export const TEXT_RULES: readonly TextRule[] = [
  cause(
    'client-auth-code',
    'gateway_client_auth',
    /\b(?:AUTH_(?!PROFILE)[A-Z_]+|DEVICE_(?:IDENTITY|AUTH)_[A-Z_]+|PAIRING_REQUIRED|NOT_PAIRED|CONTROL_UI_[A-Z_]+)\b/,
  ),
  cause(
    'client-auth-message',
    'gateway_client_auth',
    /unauthorized: (?:gateway (?:token|password)|device token|bootstrap token|too many failed authentication)|unauthorized conn=|gateway (?:token|password) (?:mismatch|missing)|device token mismatch|pairing required|gateway url override requires explicit credentials|missing scope: operator|origin not allowed|device identity required|too many failed (?:auth|attempts)|gateway rejected (?:the )?(?:credentials|token|connection)|missing (?:required )?scope:? operator\.|locked out after|lockout/i,
  ),
  cause(
    'gateway-runtime',
    'gateway_down',
    /connect ECONNREFUSED \S+:18789|gateway[^\n]{0,80}\bECONNREFUSED|EADDRINUSE|port \d+ is already in use|address already in use|Gateway process is running but port|service stayed stopped|Gateway restart timed out|(?:gateway|service)[^\n]{0,40}failed to start|ENOSPC|no space left on device|EACCES[^\n]{0,60}\.openclaw|\.openclaw[^\n]{0,60}EACCES|state dir(?:ectory)?[^\n]{0,40}(?:not writable|permission denied)|openclaw-gateway\.service: Failed|Failed to start (?:the )?openclaw/i,
  ),
  symptom(
    'gateway-unreachable',
    'gateway_down',
    /Gateway not reachable|(?:RPC|Connectivity) probe: failed|gateway (?:closed \(1006|timeout after|connect failed: (?!GatewayClientRequestError))|Runtime: stopped/i,
  ),
  cause(
    'config-invalid',
    'config_invalid',
    /JSON5(?: parse failed)?: invalid|Config (?:file )?is invalid|Failed to read config|Invalid config|config validation failed/i,
  ),
  cause(
    'openclaw-missing',
    'openclaw_missing',
    /openclaw: (?:command )?not found|spawn \S*openclaw ENOENT|command not found: openclaw/i,
  ),
  cause(
    'oauth-refresh',
    'oauth_refresh_failed',
    /OAuth (?:token )?refresh failed|Failed to refresh OAuth token|token refresh (?:failed|\d{3})|invalid_grant|refresh_token_reused|re-auth required|Authentication refresh failed|Model login (?:expired|failed) on the gateway|session_expired|invalid[_ ]refresh[_ ]token|sign_in_again|OAuth (?:access )?token (?:has )?expired|could not be refreshed/i,
  ),
  cause(
    'env-override',
    'env_override',
    /ANTHROPIC_(?:API_KEY|AUTH_TOKEN|BASE_URL)[^\n]{0,120}(?:overrid|takes? precedence|shadow|stale|wins over)|(?:overrid|takes? precedence over|shadow|stale)[^\n]{0,80}ANTHROPIC_[A-Z_]+|env(?:ironment)? (?:file|var(?:iable)?s?)[^\n]{0,80}(?:takes? precedence|overrid|wins)|old value from[^\n]{0,60}env/i,
  ),
  cause('wrong-provider-key', 'model_unavailable', /No API key found for provider "(?!anthropic")[^"]+"/),
  cause(
    'missing-key',
    'missing_auth',
    /No API key found for provider|Missing API key for (?:provider|the selected provider)|No credentials found for profile|AUTH_PROFILE_MIGRATION_REQUIRED|AuthProfileMigrationRequiredError|Missing auth\b|effective=missing|Profiles: \(none\)|No auth configured|auth profile not found/i,
  ),
  cause(
    'cooldown-refusal',
    'cooldown',
    /No available auth profile for \S+ \(all in cooldown|is in cooldown|all in cooldown|probing cooldowned auth profile|has (?:auth|auth_permanent|billing) issue \(skipping all models/i,
  ),
  {
    ...cause(
      'cooldown-state',
      'cooldown',
      /\[cooldown \d|Auth profile cooldowns|cooldown \(\d+[smhd]\)|disabled:auth|\bwindow=(?:cooldown|disabled)\b/i,
    ),
    state: true,
  },
  cause(
    'cooldown-described',
    'cooldown',
    /\b(?:stuck|still|remains?|stays?|kept|keeps) (?:in )?(?:a |the )?cooldown|cooldown[^\n]{0,40}(?:reset|extend|never (?:ends|expires|clears))|(?:resets?|extends?) the cooldown/i,
  ),
  cause(
    'forbidden',
    'permission_denied',
    /HTTP 403|permission_error|not allowed for this organization|Authentication failed with an HTML 403|does not meet scope requirement|\b403\b[^\n]{0,40}(?:forbidden|permission)/i,
  ),
  cause(
    'rejected-key',
    'invalid_key',
    /authentication_error|invalid x-api-key|invalid bearer token|invalid api key|incorrect api key|api key (?:revoked|deactivated|deleted)|key has been (?:disabled|revoked)|OAuth authentication is currently not supported/i,
  ),
  cause(
    'gateway-http-401',
    'gateway_client_auth',
    /(?:gateway\/(?:ws|http)|:18789|(?:localhost|127\.0\.0\.1)[:/])[^\n]{0,80}\b401\b|gateway (?:returned|responded|answered)[^\n]{0,30}\b401\b/i,
  ),
  symptom('unauthorized', 'invalid_key', /HTTP 401|\b401\b[^\n]{0,40}unauthorized/i),
  cause(
    'billing',
    'billing',
    /credit balance is too low|billing error|HTTP 402|payment required|insufficient credits|insufficient_quota|out of extra usage|extra usage is required|disabled:billing|plans & billing|extra usage|third-party apps?[^\n]{0,60}(?:usage|billing|plan)|余额不足|欠费/i,
  ),
  cause(
    'rate-limit',
    'rate_limited',
    /rate_limit_error|rate limit reached|exceed the rate limit|Rate-limited — ready in|temporarily rate-limited|HTTP 429|too many requests|exceeded your current quota|tokens per minute|weekly limit reached|resource_exhausted|ThrottlingException|throttl|quota exceeded|rate[- ]limit(?:ed| exceeded|s)?\b|TooManyRequests|请求过于频繁|频率限制|限流|速率限制/i,
  ),
  cause(
    'overloaded',
    'overloaded',
    /overloaded_error|HTTP 529|temporarily overloaded|\boverloaded\b|high demand|temporarily unavailable \(HTTP 5\d\d\)|Service Unavailable|server (?:is )?busy|over capacity|服务器繁忙|过载/i,
  ),
  cause(
    'model-not-found',
    'model_unavailable',
    /Unknown model|model not allowed|invalid model:|not_found_error|HTTP 404|selected model was not found|Model (?:override )?"[^"]+" is not allowed/i,
  ),
  cause(
    'network',
    'network',
    /LLM request timed out|LLM request failed: (?:connection refused|network|DNS|the provider endpoint is unreachable|proxy)|LLM idle timeout|\b(?:ENOTFOUND|EAI_AGAIN|ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)\b|socket hang up|fetch failed|\bConnection error\./i,
  ),
  symptom(
    'healthy',
    'healthy',
    /(?:RPC|Connectivity) probe: ok\b|Reachable: yes\b|Runtime: running\b|\bstatus[=:] ?"?ok\b/i,
  ),
];

/** The match widened to the whitespace around it: whole words only. */
function spanAt(text: string, index: number, length: number): string {
  const before = text.slice(0, index).search(/\S*$/);
  const after = text.slice(index + length).search(/\s|$/);
  return text.slice(before, index + length + after).slice(0, 200);
}

export type Found = { rule: TextRule; span: string };

/** The best phrase rule for `text` by the ranking above, or `null`. */
export function bestPhrase(text: string, skip?: (rule: TextRule) => boolean): Found | null {
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
