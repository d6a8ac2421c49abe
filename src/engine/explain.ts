import { firstFailure, namedFailure, reasonCause } from './cooldown-cause.js';
import type { Evidence, Explanation, Finding, Label } from './diagnosis.js';
import { LABEL_INFO } from './labels.js';
import { type LogEvent, toLogEvent } from './log-events.js';
import { guessSummary, MODEL_RULE_PREFIX } from './model-guess.js';
import { parseLogLine } from './parse/log-lines.js';
import { readProviderError } from './parse/provider-error.js';
import { clip, lines } from './parse/text.js';
import { createRedactor, type Redactor, redactDeep } from './redact.js';
import { guessLabel, TEXT_MODEL, type TextModel } from './text-model.js';
import type { Weight } from './text-phrases.js';
import { pasteProvider, providerOf } from './text-provider.js';
import { classifyFields, classifyText, type TextMatch } from './text-rules.js';

/** Longest text `explain` reads; a pasted log beyond this is cut, visibly. */
export const MAX_EXPLAIN_CHARS = 200_000;

/**
 * A recognised line. `state`: it shows a cooldown window kept, not a request refused by one.
 * `provider`: the provider it is about, when it names one.
 */
type Hit = {
  label: Label;
  /** The pasted line it was read from (the first of two for a wrapped message). */
  at?: number;
  cause?: Label;
  line: string;
  state: boolean;
  rule: string;
  span?: string;
  weight: Weight;
  provider?: string;
};

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
  'healthy',
  'unknown',
];

/** The line is about a provider other than Anthropic. */
const offRoute = (h: Hit): boolean => h.provider !== undefined && h.provider !== 'anthropic';

function fromEvent(event: LogEvent): Hit {
  const why = {
    rule: event.rule ?? 'log-record',
    ...(event.span ? { span: event.span } : {}),
    ...(event.provider ? { provider: event.provider } : {}),
  };
  if (event.kind === 'success')
    return { label: 'healthy', line: event.text, state: false, weight: 'symptom', ...why };
  const weight: Weight = event.kind === 'gateway' || event.label !== 'unknown' ? 'cause' : 'symptom';
  if (event.kind === 'cooldown-set') {
    // A structured state update carries the reason as its label; a text one names it as its cause.
    const cause = event.label === 'cooldown' ? event.cause : event.label;
    return { label: 'cooldown', ...(cause ? { cause } : {}), line: event.text, state: true, weight, ...why };
  }
  return {
    label: event.label,
    ...(event.cause ? { cause: event.cause } : {}),
    line: event.text,
    state: false,
    weight,
    ...why,
  };
}

function fromMatch(match: TextMatch, line: string): Hit {
  return {
    label: match.label,
    ...(match.cause ? { cause: match.cause } : {}),
    line: clip(line),
    state: match.state === true,
    rule: match.rule,
    span: match.span,
    weight: match.weight,
    ...(match.provider ? { provider: match.provider } : {}),
  };
}

/**
 * Classifies one pasted line: a provider error body by its fields, a JSON log line as the log
 * reader would (or by its record fields when the log reader skips it), anything else by its words.
 */
function explainLine(pasted: string): Hit[] {
  // Pasted from chat or an issue: markdown emphasis and code marks are not part of the message.
  const line = pasted.replace(/\*\*|`/g, '');
  // "All models failed (2): anthropic/…: <error> | openai/…: <error>": one hit per model, each
  // with its own provider, so a fallback's failure does not hide the route's.
  if (!line.startsWith('{') && line.includes(' | ')) {
    const parts = line.split(' | ').flatMap((part) => explainOne(part) ?? []);
    if (new Set(parts.flatMap((h) => h.provider ?? [])).size > 1) return parts;
  }
  const one = explainOne(line);
  return one ? [one] : [];
}

/** A JSON log line: read by its record, as the log reader does, never by the model's guess. */
function logRecord(line: string): ReturnType<typeof parseLogLine> | null {
  const entry = line.startsWith('{') && !readProviderError(line) ? parseLogLine(line) : null;
  return entry?.fields || entry?.level ? entry : null;
}
const isLogRecord = (line: string): boolean => logRecord(line) !== null;

function explainOne(line: string): Hit | null {
  const entry = logRecord(line);
  if (entry) {
    const event = toLogEvent({ ...entry, level: entry.level ?? 'error' });
    if (event) return fromEvent(event);
    const match = entry.fields ? classifyFields(entry.fields) : null;
    return match ? fromMatch(match, line) : null;
  }
  const match = classifyText(line);
  return match ? fromMatch(match, line) : null;
}

/**
 * Messages wrapped across two lines: a cause that only the two lines together show (its span
 * runs over the break), which neither line shows alone.
 */
function wrappedHits(pasted: readonly string[]): Hit[] {
  const out: Hit[] = [];
  for (let i = 0; i + 1 < pasted.length; i++) {
    const [a, b] = [pasted[i] as string, pasted[i + 1] as string];
    const joined = `${a} ${b}`;
    const match = a.startsWith('{') || b.startsWith('{') ? null : classifyText(joined);
    if (match?.weight === 'cause' && !a.includes(match.span) && !b.includes(match.span))
      out.push({ ...fromMatch(match, joined), at: i });
  }
  return out;
}

/** A provider error body printed over several lines (pretty JSON), read as one. */
function prettyBody(pasted: readonly string[]): Hit[] {
  if (pasted.length < 2) return [];
  const joined = pasted.join(' ');
  const match = readProviderError(joined) ? classifyText(joined) : null;
  return match ? [fromMatch(match, joined)] : [];
}

/**
 * The verdict's hit, by an explicit ranking: a request refused over a cooldown kept in state (the
 * failure that caused it is in the text too); a cause over a symptom; the Anthropic route over
 * other providers (those stay findings of their own); then the label ranking above.
 */
function verdictOf(hits: readonly Hit[]): Hit | undefined {
  const key = (h: Hit): number[] => [
    Number(h.state),
    Number(h.weight === 'symptom'),
    Number(offRoute(h)),
    RANK.indexOf(h.label),
  ];
  const before = (a: Hit, b: Hit): number => {
    const ka = key(a);
    const kb = key(b);
    const i = ka.findIndex((v, n) => v !== kb[n]);
    return i === -1 ? 0 : (ka[i] as number) - (kb[i] as number);
  };
  return [...hits].sort(before)[0];
}

/**
 * The learned fallback's guess (text-model.ts), for text in which no rule recognises anything: its
 * rule is `text-model/<label>`, its span the words that told most, its line the first that has one.
 */
function modelHit(input: string, pasted: readonly string[], model: TextModel): Hit | null {
  const guess = guessLabel(input, model);
  if (!guess) return null;
  const first = guess.telling[0] ?? '';
  const line = pasted.find((l) =>
    l
      .toLowerCase()
      .normalize('NFKC')
      .includes(first.split(' ')[0] ?? ''),
  );
  const cause = guess.label === 'cooldown' ? (reasonCause(input) ?? namedFailure(input)) : undefined;
  const provider = providerOf(input);
  return {
    label: guess.label,
    ...(cause ? { cause } : {}),
    line: clip(line ?? pasted[0] ?? ''),
    state: false,
    rule: `${MODEL_RULE_PREFIX}${guess.label}`,
    span: guess.telling.join(' '),
    weight: 'symptom',
    ...(provider ? { provider } : {}),
  };
}

/** The rule, span and provider of a hit, as the JSON names them. */
const why = (h: Hit): { rule: string; span?: string; provider?: string } => ({
  rule: h.rule,
  ...(h.span ? { span: h.span } : {}),
  ...(h.provider ? { provider: h.provider } : {}),
});

/**
 * Classifies pasted text (an error message, a chat message, a log excerpt) with the same rules
 * as a diagnosis, without host access. Pure; the result is redacted (on a gateway host, with
 * a redactor that knows the host's secrets). `model`: the learned fallback (text-model.ts).
 */
export function explain(
  text: string,
  redactor: Redactor = createRedactor(),
  model: TextModel = TEXT_MODEL,
): Explanation {
  const input = text.length > MAX_EXPLAIN_CHARS ? text.slice(0, MAX_EXPLAIN_CHARS) : text;
  const pasted = lines(input);
  // A line that names no provider is about the one provider the rest of the paste names.
  const about = pasteProvider(input);
  const hits = [
    ...pasted.flatMap((line, at) => explainLine(line).map((h) => ({ ...h, at }))),
    ...wrappedHits(pasted),
    ...prettyBody(pasted),
  ].map((h) => (about && !h.provider ? { ...h, provider: about } : h));
  const ruled = hits.length > 0 ? hits : explainLine(pasted.join(' '));
  // The model only speaks where no rule, of words or of structure, recognised anything.
  const guessed = ruled.length === 0 && !pasted.some(isLogRecord) ? modelHit(input, pasted, model) : null;
  const all = guessed ? [guessed] : ruled;
  const top = verdictOf(all);
  const label = top?.label ?? 'unknown';
  const cause = label === 'cooldown' && top ? firstFailure(top, all, input) : undefined;

  // One finding per label, and one per other provider: a fallback's failure is not the route's.
  const groups = new Map<string, Hit[]>();
  for (const h of all) {
    const key = `${h.label} ${offRoute(h) ? h.provider : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  const findings: Finding[] = [...groups.values()]
    .sort(
      ([a], [b]) =>
        Number(b?.label === label && !offRoute(b)) - Number(a?.label === label && !offRoute(a)) ||
        Number(a && offRoute(a)) - Number(b && offRoute(b)) ||
        RANK.indexOf(a?.label ?? 'unknown') - RANK.indexOf(b?.label ?? 'unknown'),
    )
    .map((group) => {
      const first = group[0] as Hit;
      return {
        label: first.label,
        title: LABEL_INFO[first.label].title,
        evidence: group.slice(0, 3).map((h): Evidence => ({ source: 'text', text: h.line })),
        fixes: [...LABEL_INFO[first.label].fixes],
        ...why(first),
      };
    });
  const info = LABEL_INFO[label];
  const explanation: Explanation = {
    schemaVersion: 1,
    verdict: {
      label,
      ...(cause ? { cause } : {}),
      owner: info.owner,
      summary: guessed
        ? guessSummary(label)
        : top
          ? info.summary
          : 'No known OpenClaw or Anthropic failure message was found in the text.',
      confidence: top && !guessed ? (groups.size === 1 ? 'high' : 'medium') : 'low',
      ...(top ? why(top) : {}),
    },
    findings:
      findings.length > 0
        ? findings
        : [{ label: 'unknown', title: LABEL_INFO.unknown.title, evidence: [], fixes: [] }],
  };
  return redactDeep(explanation, redactor);
}
