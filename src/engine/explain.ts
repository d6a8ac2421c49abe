import type { Evidence, Explanation, Finding, Label } from './diagnosis.js';
import { LABEL_INFO } from './labels.js';
import { eventKind, type LogEvent, toLogEvent } from './log-events.js';
import { parseLogLine } from './parse/log-lines.js';
import { clip, lines } from './parse/text.js';
import { createRedactor, type Redactor, redactDeep } from './redact.js';
import { classifyText } from './text-rules.js';

/** Longest text `explain` reads; a pasted log beyond this is cut, visibly. */
export const MAX_EXPLAIN_CHARS = 200_000;

/** A recognised line. `state`: it shows a cooldown window kept, not a request refused by one. */
type Hit = { label: Label; cause?: Label; line: string; state: boolean };

/** Ranking as in a diagnosis: the wrong page and configuration outrank what Anthropic answered. */
const RANK: readonly Label[] = [
  'openclaw_missing',
  'config_invalid',
  'gateway_down',
  'gateway_client_auth',
  'model_unavailable',
  'oauth_refresh_failed',
  'missing_auth',
  'env_override',
  'cooldown',
  'permission_denied',
  'invalid_key',
  'billing',
  'rate_limited',
  'overloaded',
  'network',
  'unknown',
];

function fromEvent(event: LogEvent): Hit | null {
  if (event.kind === 'success') return null;
  if (event.kind === 'cooldown-set') {
    // A structured state update carries the reason as its label; a text one names it as its cause.
    const cause = event.label === 'cooldown' ? event.cause : event.label;
    return { label: 'cooldown', ...(cause ? { cause } : {}), line: event.text, state: true };
  }
  return {
    label: event.label,
    ...(event.cause ? { cause: event.cause } : {}),
    line: event.text,
    state: false,
  };
}

/** Classifies one pasted line: a JSON log line as the log reader would, anything else by its words. */
function explainLine(line: string): Hit | null {
  const entry = line.startsWith('{') ? parseLogLine(line) : null;
  if (entry?.fields || entry?.level) {
    const event = toLogEvent({ ...entry, level: entry.level ?? 'error' });
    return event ? fromEvent(event) : null;
  }
  const match = classifyText(line);
  if (!match) return null;
  const state = eventKind(match) === 'cooldown-set';
  return { label: match.label, ...(match.cause ? { cause: match.cause } : {}), line: clip(line), state };
}

/** A cooldown kept in state explains nothing when the failure that caused it is in the text too. */
function verdictOf(hits: readonly Hit[]): Hit | undefined {
  const refusals = hits.filter((h) => !h.state);
  const pool = refusals.length > 0 ? refusals : hits;
  return [...pool].sort((a, b) => RANK.indexOf(a.label) - RANK.indexOf(b.label))[0];
}

/**
 * Classifies pasted text (an error message, a chat message, a log excerpt) with the same rules
 * as a diagnosis, without host access. Pure; the result is redacted (on a gateway host, with
 * a redactor that knows the host's secrets).
 */
export function explain(text: string, redactor: Redactor = createRedactor()): Explanation {
  const input = text.length > MAX_EXPLAIN_CHARS ? text.slice(0, MAX_EXPLAIN_CHARS) : text;
  const hits = lines(input).flatMap((l) => explainLine(l) ?? []);
  const whole = hits.length === 0 ? explainLine(lines(input).join(' ')) : null;
  const all = whole ? [whole] : hits;
  const top = verdictOf(all);
  const label = top?.label ?? 'unknown';
  const cause =
    label === 'cooldown' ? (top?.cause ?? all.find((h) => h.label !== 'cooldown')?.label) : undefined;

  const byLabel = new Map<Label, Hit[]>();
  for (const h of all) byLabel.set(h.label, [...(byLabel.get(h.label) ?? []), h]);
  const findings: Finding[] = [...byLabel.entries()]
    .sort(([a], [b]) => Number(b === label) - Number(a === label) || RANK.indexOf(a) - RANK.indexOf(b))
    .map(([l, group]) => ({
      label: l,
      title: LABEL_INFO[l].title,
      evidence: group.slice(0, 3).map((h): Evidence => ({ source: 'text', text: h.line })),
      fixes: [...LABEL_INFO[l].fixes],
    }));
  const info = LABEL_INFO[label];
  const explanation: Explanation = {
    schemaVersion: 1,
    verdict: {
      label,
      ...(cause ? { cause } : {}),
      owner: info.owner,
      summary: top ? info.summary : 'No known OpenClaw or Anthropic failure message was found in the text.',
      confidence: top ? (byLabel.size === 1 ? 'high' : 'medium') : 'low',
    },
    findings:
      findings.length > 0
        ? findings
        : [{ label: 'unknown', title: LABEL_INFO.unknown.title, evidence: [], fixes: [] }],
  };
  return redactDeep(explanation, redactor);
}
