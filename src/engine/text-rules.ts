import type { Label } from './diagnosis.js';

/** A label recognised in a piece of text, with the rule that recognised it. */
export type TextMatch = {
  readonly label: Label;
  /** For `cooldown`: the failure that started it, when the text names it. */
  readonly cause?: Label;
  readonly rule: string;
};

type TextRule = { readonly id: string; readonly label: Label; readonly pattern: RegExp };

const r = (id: string, label: Label, pattern: RegExp): TextRule => ({ id, label, pattern });

/** The rule for lines that show a cooldown window exists, as opposed to a request refused by one. */
export const COOLDOWN_STATE_RULE = 'cooldown-state';

/**
 * Message strings of OpenClaw and Anthropic, most specific first: the first rule that matches
 * decides. The order encodes which symptom hides which: a cooldown refusal names its reason
 * ("is in cooldown (billing)"), so cooldown is tried before billing; a 403 message also says
 * "authentication failed", so permission is tried before the 401 rules.
 */
export const TEXT_RULES: readonly TextRule[] = [
  r(
    'client-auth-code',
    'gateway_client_auth',
    /\b(?:AUTH_(?!PROFILE)[A-Z_]+|DEVICE_(?:IDENTITY|AUTH)_[A-Z_]+|PAIRING_REQUIRED|NOT_PAIRED|CONTROL_UI_[A-Z_]+)\b/,
  ),
  r(
    'client-auth-message',
    'gateway_client_auth',
    /unauthorized: (?:gateway (?:token|password)|device token|bootstrap token|too many failed authentication)|unauthorized conn=|gateway (?:token|password) (?:mismatch|missing)|pairing required|gateway url override requires explicit credentials/i,
  ),
  r(
    'gateway-unreachable',
    'gateway_down',
    /Gateway not reachable|(?:RPC|Connectivity) probe: failed|connect ECONNREFUSED \S+:18789|gateway[^\n]{0,80}\bECONNREFUSED|gateway (?:closed \(1006|timeout after|connect failed: (?!GatewayClientRequestError))|Gateway process is running but port|service stayed stopped|Gateway restart timed out|Runtime: stopped/i,
  ),
  r(
    'config-invalid',
    'config_invalid',
    /JSON5(?: parse failed)?: invalid|Config (?:file )?is invalid|Failed to read config|Invalid config|config validation failed/i,
  ),
  r(
    'openclaw-missing',
    'openclaw_missing',
    /openclaw: (?:command )?not found|spawn \S*openclaw ENOENT|command not found: openclaw/i,
  ),
  r(
    'oauth-refresh',
    'oauth_refresh_failed',
    /OAuth (?:token )?refresh failed|Failed to refresh OAuth token|token refresh (?:failed|\d{3})|invalid_grant|refresh_token_reused|re-auth required|Authentication refresh failed|Model login (?:expired|failed) on the gateway|session_expired|invalid[_ ]refresh[_ ]token|sign_in_again/i,
  ),
  r('wrong-provider-key', 'model_unavailable', /No API key found for provider "(?!anthropic")[^"]+"/),
  r(
    'missing-key',
    'missing_auth',
    /No API key found for provider|Missing API key for (?:provider|the selected provider)|No credentials found for profile|AUTH_PROFILE_MIGRATION_REQUIRED|AuthProfileMigrationRequiredError|Missing auth\b|effective=missing|Profiles: \(none\)/i,
  ),
  r(
    'cooldown-refusal',
    'cooldown',
    /No available auth profile for \S+ \(all in cooldown|is in cooldown|all in cooldown|probing cooldowned auth profile|has (?:auth|auth_permanent|billing) issue \(skipping all models/i,
  ),
  r(
    COOLDOWN_STATE_RULE,
    'cooldown',
    /\[cooldown \d|Auth profile cooldowns|cooldown \(\d+[smhd]\)|disabled:auth|\bwindow=(?:cooldown|disabled)\b/i,
  ),
  r(
    'forbidden',
    'permission_denied',
    /HTTP 403|permission_error|not allowed for this organization|Authentication failed with an HTML 403|does not meet scope requirement|\b403\b[^\n]{0,40}(?:forbidden|permission)/i,
  ),
  r(
    'rejected-key',
    'invalid_key',
    /HTTP 401|authentication_error|invalid x-api-key|invalid bearer token|invalid api key|incorrect api key|api key (?:revoked|deactivated|deleted)|key has been (?:disabled|revoked)|OAuth authentication is currently not supported|\b401\b[^\n]{0,40}unauthorized/i,
  ),
  r(
    'billing',
    'billing',
    /credit balance is too low|billing error|HTTP 402|payment required|insufficient credits|insufficient_quota|out of extra usage|extra usage is required|disabled:billing|plans & billing/i,
  ),
  r(
    'rate-limit',
    'rate_limited',
    /rate_limit_error|rate limit reached|exceed the rate limit|Rate-limited — ready in|temporarily rate-limited|HTTP 429|too many requests|exceeded your current quota|tokens per minute|weekly limit reached|resource_exhausted/i,
  ),
  r(
    'overloaded',
    'overloaded',
    /overloaded_error|HTTP 529|temporarily overloaded|\boverloaded\b|high demand|temporarily unavailable \(HTTP 5\d\d\)/i,
  ),
  r(
    'model-not-found',
    'model_unavailable',
    /Unknown model|model not allowed|invalid model:|not_found_error|HTTP 404|selected model was not found|Model (?:override )?"[^"]+" is not allowed/i,
  ),
  r(
    'network',
    'network',
    /LLM request timed out|LLM request failed: (?:connection refused|network|DNS|the provider endpoint is unreachable|proxy)|LLM idle timeout|\b(?:ENOTFOUND|EAI_AGAIN|ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)\b|socket hang up|fetch failed/i,
  ),
];

/** The reason words OpenClaw uses in cooldown state and refusals, mapped to labels. */
export const REASON_LABELS: Readonly<Record<string, Label>> = {
  auth: 'invalid_key',
  auth_permanent: 'permission_denied',
  billing: 'billing',
  rate_limit: 'rate_limited',
  overloaded: 'overloaded',
  timeout: 'network',
  model_not_found: 'model_unavailable',
  session_expired: 'oauth_refresh_failed',
};

/** Where a refusal or state line names its reason: "is in cooldown (billing)", "has auth issue", "reason=rate_limit". */
const COOLDOWN_REASON =
  /(?:in cooldown|disabled|cooldowned auth profile[^\n]*?due to|\bhas|reason=) ?[(:]?\s*([a-z_]+)/gi;

/** The first reason named in a cooldown text that OpenClaw uses, as a label. */
function cooldownCause(text: string): Label | undefined {
  for (const m of text.matchAll(COOLDOWN_REASON)) {
    const reason = m[1]?.toLowerCase() ?? '';
    if (Object.hasOwn(REASON_LABELS, reason)) return REASON_LABELS[reason];
  }
  return undefined;
}

/** The first rule that recognises `text`, or `null`. */
export function classifyText(text: string): TextMatch | null {
  for (const rule of TEXT_RULES) {
    if (!rule.pattern.test(text)) continue;
    const cause = rule.label === 'cooldown' ? cooldownCause(text) : undefined;
    return cause ? { label: rule.label, cause, rule: rule.id } : { label: rule.label, rule: rule.id };
  }
  return null;
}
