import { reasonLabel } from './cooldown-cause.js';
import type { Label } from './diagnosis.js';
import type { LogEntry } from './parse/log-lines.js';
import { clip } from './parse/text.js';
import { readInLogs } from './text-phrases.js';
import { classifyText, type TextMatch } from './text-rules.js';

/** A gateway log line that says something about the Anthropic route. */
export type LogEvent = {
  readonly time: number | null;
  /**
   * `failure`: a request failed; `cooldown-hit`: a request met a cooled-down profile;
   * `cooldown-set`: OpenClaw opened a cooldown or disabled window; `success`: a turn succeeded;
   * `gateway`: the gateway itself (client auth, reachability, config).
   */
  readonly kind: 'failure' | 'cooldown-hit' | 'cooldown-set' | 'success' | 'gateway';
  readonly label: Label;
  readonly cause?: Label;
  readonly provider: string | null;
  readonly text: string;
  /**
   * For `cooldown-set`: end of the window (ms since the epoch), its kind and reason, and the auth
   * profile as the log names it (OpenClaw logs `sha256:<12 hex>` of the profile id, not the id).
   */
  readonly window?: {
    until: number | null;
    type: 'cooldown' | 'disabled';
    reason: string | null;
    profile: string | null;
  };
  /** A model call's own outcome record (one per call), not a line that repeats it. */
  readonly call?: true;
  /** The rule that recognised the line, and the words it matched. */
  readonly rule?: string;
  readonly span?: string;
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

const GATEWAY_LABELS: ReadonlySet<Label> = new Set(['gateway_client_auth', 'gateway_down', 'config_invalid']);
const LOUD_LEVELS: ReadonlySet<string> = new Set(['warn', 'error', 'fatal']);

/** `embedded_run_agent_end`: the outcome of one model call. */
function agentEnd(entry: LogEntry, f: Readonly<Record<string, unknown>>): LogEvent {
  const provider = str(f.provider);
  if (f.isError !== true) {
    return {
      time: entry.time,
      kind: 'success',
      label: 'healthy',
      provider,
      text: 'agent turn ended without error',
    };
  }
  const http = str(f.httpCode);
  const parts = [
    str(f.error),
    http ? `HTTP ${http}` : null,
    str(f.providerErrorType),
    str(f.providerErrorMessagePreview) ?? str(f.rawErrorPreview),
  ].filter((p): p is string => p !== null);
  const text = parts.join(' · ');
  const reason = str(f.failoverReason);
  const match = classifyText(text);
  // A match that knows no route label (a malformed request) leaves the record's own reason to tell.
  const matched = match?.label === 'unknown' ? undefined : match?.label;
  const label = matched ?? reasonLabel(reason) ?? 'unknown';
  return {
    time: entry.time,
    kind: 'failure',
    label,
    provider,
    text: clip(`${provider ?? '?'}: ${text}`),
    call: true,
    rule: match ? `agent-end/${match.rule}` : 'agent-end',
    ...(match ? { span: match.span } : reason ? { span: `failoverReason=${reason}` } : {}),
  };
}

/** `auth_profile_failure_state_updated`: OpenClaw opened (or kept) a cooldown or disabled window. */
function stateUpdate(entry: LogEntry, f: Readonly<Record<string, unknown>>): LogEvent {
  const reason = str(f.reason);
  const type = f.windowType === 'disabled' ? 'disabled' : 'cooldown';
  const until = num(type === 'disabled' ? f.disabledUntil : f.cooldownUntil);
  const label = reasonLabel(reason) ?? 'unknown';
  const text = `${str(f.provider) ?? '?'} profile ${type} (reason ${reason ?? 'unknown'})${until ? ` until ${new Date(until).toISOString()}` : ''}`;
  return {
    time: entry.time,
    kind: 'cooldown-set',
    label,
    provider: str(f.provider),
    text,
    window: { until, type, reason, profile: str(f.profileId) },
    rule: 'failure-state',
    span: `windowType=${type} reason=${reason ?? 'unknown'}`,
  };
}

/** `model_fallback_decision`: only the decisions that show a cooldown being met or a success. */
function fallbackDecision(entry: LogEntry, f: Readonly<Record<string, unknown>>): LogEvent | null {
  const provider = str(f.requestedProvider) ?? str(f.provider);
  if (f.decision === 'candidate_succeeded') {
    return {
      time: entry.time,
      kind: 'success',
      label: 'healthy',
      provider,
      text: 'model call succeeded',
      rule: 'fallback-decision',
      span: 'decision=candidate_succeeded',
    };
  }
  if (
    f.decision === 'probe_cooldown_candidate' ||
    f.decision === 'skip_cooldown' ||
    f.decision === 'skipped_cooldown'
  ) {
    const reason = str(f.reason);
    const cause = reasonLabel(reason);
    const text = `request met a cooled-down ${provider ?? ''} profile (reason ${reason ?? 'unknown'})`;
    const base = {
      time: entry.time,
      kind: 'cooldown-hit',
      label: 'cooldown',
      provider,
      text,
      rule: 'fallback-decision',
      span: `decision=${f.decision} reason=${reason ?? 'unknown'}`,
    } as const;
    return cause ? { ...base, cause } : base;
  }
  return null;
}

/**
 * What kind of event a recognised text is: a line that shows a cooldown being kept (state) is not
 * a request that met one (a refusal), and only the latter makes the verdict `cooldown`.
 */
export function eventKind(match: TextMatch): LogEvent['kind'] {
  if (GATEWAY_LABELS.has(match.label)) return 'gateway';
  if (match.label === 'healthy') return 'success';
  if (match.label !== 'cooldown') return 'failure';
  return match.state ? 'cooldown-set' : 'cooldown-hit';
}

/**
 * How OpenClaw 2026.9 logs an agent turn that got its answer (`agents/agent-command`, info): a
 * turn that failed ends with an error record instead, and no such line.
 */
export const TURN_ENDED = /\[agent\] run [^ "]+ ended with stopReason=(stop|end_turn|length|max_tokens)\b/;

/**
 * Turns one log entry into an event, or `null` when it says nothing about the route. `mayMatch`
 * spares the phrase rules a message that none of them can match (the log scanner's prefilter).
 */
export function toLogEvent(
  entry: LogEntry,
  mayMatch: (message: string) => boolean = () => true,
): LogEvent | null {
  const f = entry.fields;
  const event = f ? str(f.event) : null;
  if (f && event === 'embedded_run_agent_end') return agentEnd(entry, f);
  if (f && event === 'auth_profile_failure_state_updated') return stateUpdate(entry, f);
  if (f && event === 'model_fallback_decision') return fallbackDecision(entry, f);
  const ended = event ? null : TURN_ENDED.exec(entry.message);
  if (ended)
    return {
      time: entry.time,
      kind: 'success',
      label: 'healthy',
      provider: null,
      text: 'agent turn ended with an answer',
      rule: 'turn-ended',
      span: `stopReason=${ended[1]}`,
    };
  if (event || (entry.level !== null && !LOUD_LEVELS.has(entry.level))) return null;
  if (!mayMatch(entry.message)) return null;
  const match = classifyText(entry.message);
  // A success in words ("RPC probe: ok") is not a model call; the call records above tell those.
  if (!match || match.label === 'healthy' || !readInLogs({ id: match.rule, weight: match.weight }))
    return null;
  // A timeout of anything but a model call (catalog refresh, SQLite) says nothing about the route.
  if (match.label === 'network' && !/LLM |model-fetch|provider=/.test(entry.message)) return null;
  const kind = eventKind(match);
  const base = {
    time: entry.time,
    kind,
    label: match.label,
    provider: match.provider ?? null,
    text: clip(entry.message),
    rule: match.rule,
    span: match.span,
  } as const;
  return match.cause ? { ...base, cause: match.cause } : base;
}
