import {
  COOLDOWN_CAUSES,
  deniedAt,
  namedFailure,
  reasonAsCause,
  reasonCause,
  reasonLabel,
} from './cooldown-cause.js';
import type { Label } from './diagnosis.js';
import { type ProviderError, readProviderError } from './parse/provider-error.js';
import { type RecordFields, readRecord, stringFields } from './parse/records.js';
import { bestPhrase, type Found, type TextRule, type Weight } from './text-phrases.js';
import { providerOf } from './text-provider.js';

/** A label recognised in a piece of text, with the rule that recognised it and the words it matched. */
export type TextMatch = {
  readonly label: Label;
  /** For `cooldown`: the failure that started it, when the text names it. */
  readonly cause?: Label;
  readonly rule: string;
  /** The words the rule matched, widened to whole words so a secret is never cut in two. */
  readonly span: string;
  readonly weight: Weight;
  /** The provider the text is about, when it names one (`anthropic`, `openai`, …). */
  readonly provider?: string;
  /** A cooldown window being kept, as opposed to a request refused by one. */
  readonly state?: true;
};

/** HTTP statuses that name a failure on their own, when nothing more specific is said. */
const STATUS_LABELS: Readonly<Record<number, Label>> = {
  401: 'invalid_key',
  402: 'billing',
  403: 'permission_denied',
  404: 'model_unavailable',
  408: 'network',
  429: 'rate_limited',
  500: 'overloaded',
  502: 'overloaded',
  503: 'overloaded',
  504: 'network',
  529: 'overloaded',
};

/** Error types and codes of provider bodies (Anthropic, OpenAI, Google), mapped to labels. */
const ERROR_TYPE_LABELS: Readonly<Record<string, Label>> = {
  authentication_error: 'invalid_key',
  invalid_api_key: 'invalid_key',
  unauthenticated: 'invalid_key',
  permission_error: 'permission_denied',
  permission_denied: 'permission_denied',
  not_found_error: 'model_unavailable',
  model_not_found: 'model_unavailable',
  not_found: 'model_unavailable',
  billing_error: 'billing',
  insufficient_quota: 'billing',
  rate_limit_error: 'rate_limited',
  rate_limit_exceeded: 'rate_limited',
  resource_exhausted: 'rate_limited',
  overloaded_error: 'overloaded',
  unavailable: 'overloaded',
  api_error: 'overloaded',
  deadline_exceeded: 'network',
  // The gateway's own OpenAI-compatible endpoints answer a client without its token this way.
  unauthorized: 'gateway_client_auth',
};

/**
 * The failure behind a cooldown: its reason word, or a cause (else a symptom) named in the same
 * text, else a failure its words name.
 */
function cooldownCause(text: string): Label | undefined {
  const other = (r: TextRule): boolean => !COOLDOWN_CAUSES.has(r.label);
  // A failure the text denies ("even though no rate limit was hit") is not the cause.
  const said = (found: Found | null): Label | undefined =>
    found && !deniedAt(text, Math.max(0, text.indexOf(found.span))) ? found.rule.label : undefined;
  return (
    reasonCause(text) ??
    said(bestPhrase(text, (r) => other(r) || r.weight === 'symptom')) ??
    said(bestPhrase(text, other)) ??
    namedFailure(text)
  );
}

const COOLDOWN_DECISIONS = /cooldown/i;

/**
 * What makes a line a record or body the readers below conclude from, as regex sources for the
 * log prefilter (a quote may be JSON-escaped). Every record `fromRecord` or `fromProviderError`
 * concludes from contains one of these.
 */
export const STRUCTURE_PATTERNS: readonly string[] = [
  String.raw`\\*["']error\\*["']\s*:\s*\{`,
  String.raw`\b(?:reason|failoverReason|failureReason)\\*["']?\s*[=:]\s*\\*["']?(?:auth|auth_permanent|billing|rate_limit|overloaded|server_error|timeout|model_not_found|session_expired)\b`,
  String.raw`\bdecision\\*["']?\s*[=:]\s*\\*["']?\w*(?:cooldown|succe)`,
  String.raw`\bwindow(?:Type)?\\*["']?\s*[=:]\s*\\*["']?(?:cooldown|disabled)`,
  String.raw`\b(?:name|event)\\*["']?\s*[=:]\s*\\*["']?\w*(?:refresh|failure_state)`,
];

/** What a structured record says by its fields, before any of its words are read. */
function fromRecord(fields: RecordFields): Omit<TextMatch, 'provider'> | null {
  const reason =
    fields.reason ??
    fields.failoverReason ??
    fields.failureReason ??
    fields.disabledReason ??
    fields.cooldownReason;
  const byReason = reasonLabel(reason);
  const decision = fields.decision ?? '';
  const window = fields.window ?? fields.windowType ?? '';
  const name = fields.event ?? fields.name ?? '';
  const causeLabel = reasonAsCause(reason);
  const withCause = causeLabel ? { cause: causeLabel } : {};
  if (/succeeded|success/.test(decision)) {
    return { label: 'healthy', rule: 'record-success', span: `decision=${decision}`, weight: 'symptom' };
  }
  if (COOLDOWN_DECISIONS.test(decision)) {
    return {
      label: 'cooldown',
      ...withCause,
      rule: 'record-decision',
      span: `decision=${decision}`,
      weight: 'cause',
    };
  }
  if (window === 'cooldown' || window === 'disabled' || /failure_state/.test(name)) {
    const span = window ? `window=${window}` : `name=${name}`;
    return { label: 'cooldown', ...withCause, rule: 'record-window', span, weight: 'cause', state: true };
  }
  if (/refresh/i.test(name) && /fail|error/i.test(`${name} ${fields.status ?? ''} ${fields.error ?? ''}`)) {
    return { label: 'oauth_refresh_failed', rule: 'record-refresh', span: `name=${name}`, weight: 'cause' };
  }
  if (byReason) return { label: byReason, rule: 'record-reason', span: `reason=${reason}`, weight: 'cause' };
  const status = fields.httpCode ?? fields.statusCode ?? fields.status ?? fields.code;
  const byStatus = status && /^\d{3}$/.test(status) ? STATUS_LABELS[Number(status)] : undefined;
  return byStatus
    ? { label: byStatus, rule: 'record-status', span: `status=${status}`, weight: 'symptom' }
    : null;
}

/** What a provider error body says: its message's words first, then its type, then its status. */
function fromProviderError(body: ProviderError): Omit<TextMatch, 'provider'> | null {
  const text = [body.prefix, body.type, body.message].filter(Boolean).join(' ');
  const phrase = bestPhrase(text);
  if (phrase?.rule.weight === 'cause') return toMatch(phrase, text);
  const typed = body.type ? ERROR_TYPE_LABELS[body.type.toLowerCase()] : undefined;
  if (typed)
    return { label: typed, rule: 'provider-error-type', span: `type: ${body.type}`, weight: 'cause' };
  if (phrase) return toMatch(phrase, text);
  const byStatus = body.status ? STATUS_LABELS[body.status] : undefined;
  return byStatus
    ? { label: byStatus, rule: 'provider-error-status', span: `status ${body.status}`, weight: 'symptom' }
    : null;
}

function toMatch(found: Found, text: string): Omit<TextMatch, 'provider'> {
  const { rule, span } = found;
  const why = rule.label === 'cooldown' ? cooldownCause(text) : undefined;
  return {
    label: rule.label,
    ...(why ? { cause: why } : {}),
    rule: rule.id,
    span,
    weight: rule.weight,
    ...(rule.state ? { state: true as const } : {}),
  };
}

/**
 * A checklist line that reports a suspect ruled out ("- Checked for a stale ANTHROPIC_API_KEY → none
 * set", "Verified: no proxy configured"): the cause it names is the one that is not there.
 */
const RULED_OUT =
  /^\s*(?:[-*•]|\d+[.)])?\s*(?:checked|verified|confirmed|made sure|ruled out)\b[^\n]*?(?:→|->|=>|:|—|–)\s*(?:none|no|not (?:set|found|present|there)|nothing|absent|unset|empty|n\/a)\b[^\n]{0,40}$/i;

/**
 * Recognises `text`: first what it is (a provider error body, a structured OpenClaw record), then
 * its words. `null` when nothing is recognised.
 */
export function classifyText(text: string): TextMatch | null {
  if (RULED_OUT.test(text)) return null;
  const body = text.includes('{') ? readProviderError(text) : null;
  const fields = body ? null : readRecord(text);
  const structured = body ? fromProviderError(body) : fields ? fromRecord(fields) : null;
  // A record that only shows a status gives way to a cause its words name; a record's own cause
  // stands, so its words are read only when its cause is a reason, which a refusal beside it
  // ("reason: billing … has billing issue (skipping all models)") is the cause of.
  const said =
    structured?.weight === 'cause' && structured.rule !== 'record-reason' ? null : bestPhrase(text);
  const refusal = structured?.rule === 'record-reason' && said?.rule.label === 'cooldown' && !said.rule.state;
  const phrase = structured?.weight === 'cause' && !refusal ? null : said;
  const match =
    phrase && (!structured || phrase.rule.weight === 'cause') ? toMatch(phrase, text) : structured;
  if (!match) return null;
  const provider = body?.provider ?? fields?.provider ?? providerOf(text);
  return provider ? { ...match, provider } : match;
}

/** What the fields of a JSON log record say when the log reader has no use for its event. */
export function classifyFields(fields: Readonly<Record<string, unknown>>): TextMatch | null {
  const strings = stringFields(fields);
  const match = fromRecord(strings);
  if (!match) return null;
  return strings.provider ? { ...match, provider: strings.provider } : match;
}
