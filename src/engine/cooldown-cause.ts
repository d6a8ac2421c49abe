import type { Label } from './diagnosis.js';

/**
 * The reason words OpenClaw uses in cooldown state and refusals, mapped to labels. OpenClaw's own
 * `unknown` and `unclassified` name no failure, so they are not here.
 */
export const REASON_LABELS: Readonly<Record<string, Label>> = {
  auth: 'invalid_key',
  auth_permanent: 'permission_denied',
  billing: 'billing',
  rate_limit: 'rate_limited',
  overloaded: 'overloaded',
  server_error: 'overloaded',
  timeout: 'network',
  model_not_found: 'model_unavailable',
  session_expired: 'oauth_refresh_failed',
};

/** The label of an OpenClaw reason word, or `undefined` when it is none of them. */
export const reasonLabel = (reason: string | null | undefined): Label | undefined =>
  reason && Object.hasOwn(REASON_LABELS, reason) ? REASON_LABELS[reason] : undefined;

/**
 * The reason words as a cooldown's cause: `format` too, a request the provider refused for its
 * shape, which is what `unknown` stands for among the labels (no route fix applies).
 */
const CAUSE_REASONS: Readonly<Record<string, Label>> = { ...REASON_LABELS, format: 'unknown' };

/** The labels a failure behind a cooldown can have (a route failure between gateway and provider). */
export const COOLDOWN_CAUSES: ReadonlySet<Label> = new Set<Label>([
  'invalid_key',
  'permission_denied',
  'oauth_refresh_failed',
  'model_unavailable',
  'billing',
  'rate_limited',
  'overloaded',
  'network',
]);

/** A reason word a failure was wrongly counted as, not the failure itself ("misclassified as rate_limit"). */
const COUNTED_AS =
  /(?:classif(?:y|ies|ied)|treated|misread|mislabell?ed|reported|counted|mistaken|hard-?coded|recorded) (?:as|for) ["'`(]?$/i;

/**
 * Where a refusal or state line names its reason: "is in cooldown (billing)", "has auth issue",
 * "reason=rate_limit", `"failoverReason": "overloaded"`, "cooldown:session_expired", and a
 * reason in a trailing parenthesis of its own ("(all profiles unavailable) (rate_limit)").
 */
const COOLDOWN_REASON =
  /(?:in cooldown|cooldown:|disabled|cooldowned auth profile[^\n]*?due to|\bhas|reason\\*["']?\s*[=:]|due to|because of|\() ?[(:]?\s*\\*["']?([a-z_]+)/gi;
/** OpenClaw's reason words that are not also everyday words, wherever they stand ("failureCounts": {"rate_limit": 1}). */
const REASON_WORD =
  /\b(auth_permanent|billing|rate_limit|overloaded|model_not_found|session_expired|server_error)\b/gi;

/** A reason word as a cooldown's cause, if it names one. */
export const reasonAsCause = (reason: string | undefined): Label | undefined =>
  reason && Object.hasOwn(CAUSE_REASONS, reason) ? CAUSE_REASONS[reason] : undefined;

const countedAs = (text: string, index: number): boolean =>
  COUNTED_AS.test(text.slice(Math.max(0, index - 40), index));

/** The first reason named in a cooldown text that OpenClaw uses, as a label. */
export function reasonCause(text: string): Label | undefined {
  for (const m of text.matchAll(COOLDOWN_REASON)) {
    const reason = m[1]?.toLowerCase() ?? '';
    const at = m.index + m[0].length - reason.length;
    const cause = reasonAsCause(reason);
    if (cause && !countedAs(text, at)) return cause;
  }
  for (const m of text.matchAll(REASON_WORD)) {
    const word = m[1]?.toLowerCase() ?? '';
    if (!deniedAt(text, m.index)) return REASON_LABELS[word];
  }
  return undefined;
}

/**
 * Words that name a failure in a text about a cooldown, in prose or a status line ("cooling down
 * after recent requests timed out", "while the provider is reporting overload", "a few 401s",
 * "when the OAuth token expired"). Read only for a cooldown's cause, never for a label: said of a
 * cooldown they tell why it started, said alone they are too loose to conclude from.
 */
const FAILURE_WORDS: ReadonlyArray<readonly [Label, RegExp]> = [
  [
    'oauth_refresh_failed',
    /\b(?:oauth|access|setup|session|login|refresh|manual|subscription) tokens? (?:has |had |have )?(?:expir\w*|(?:was |were )?(?:not |never )refreshed|could not be refreshed)|\b(?:oauth|token) refresh(?:es)? (?:fail\w*|error\w*)|\bsession (?:has |had )?expired\b|\bfailed to refresh\b/gi,
  ],
  [
    'invalid_key',
    /\b401s?\b|\b(?:api[ -]?key|key|token|credentials?)s? (?:was |were |is |are |got |had been |has been )?(?:revoked|rejected|invalid|wrong|deactivated|disabled)\b|\binvalid (?:api[ -]?)?(?:key|token|credentials?)\b|\bauthentication (?:fail\w*|errors?)\b/gi,
  ],
  ['permission_denied', /\b403s?\b|\bpermission (?:denied|errors?)\b|\bforbidden\b/gi],
  [
    'billing',
    /\bbilling\b|\b402s?\b|\bcredits? (?:balance )?(?:ran out|run out|exhausted|too low|depleted)|\bout of credits?\b|\b(?:credit )?balance (?:is |was )?(?:too low|empty|exhausted|ran out)|\bpayment (?:required|failed|declined)\b/gi,
  ],
  [
    'rate_limited',
    /\brate[- _]?limit\w*|\b429s?\b|\bquotas?\b|\busage (?:limit|cap)s?\b|\b(?:hits?|hitting|reach(?:es|ed|ing)?|exceed(?:s|ed|ing)?) (?:its|the|their|a|my|your) (?:(?!context|length|size)[\w-]+ ){0,3}limits?\b|\btoo many requests\b|\bthrottl\w*/gi,
  ],
  [
    'overloaded',
    /\boverload\w*|\b5(?:29|03|02|00)s?\b|\bserver errors?\b|\bover capacity\b|\bservice unavailable\b/gi,
  ],
  [
    'network',
    /\btim(?:ed|es|ing) ?out\b|\btimeouts\b|\b(?:a|after|request|LLM|connection|read|socket) timeout\b|\bconnection (?:reset|refused|errors?|dropped)\b|\bECONN\w+|\bETIMEDOUT\b|\bENOTFOUND\b|\bnetwork errors?\b/gi,
  ],
  [
    'model_unavailable',
    /\bmodel (?:was |is )?not (?:found|available|supported)\b|\bunknown model\b|\bmodel_not_found\b|\bno such model\b/gi,
  ],
];

/** A mention of a failure a negation a few words before denies ("no rate limit was hit", "without any 429"). */
const DENIED = /(?:\b(?:no|not|never|without|nor)\b|n't\b)(?:[^\w.,;:!?\n]+\w+){0,3}[^\w.,;:!?\n]*$/i;

/** Whether the words at `index` are a failure the text denies or says a failure was wrongly counted as. */
export function deniedAt(text: string, index: number): boolean {
  return DENIED.test(text.slice(Math.max(0, index - 40), index)) || countedAs(text, index);
}

/** The failure a cooldown text names first, in reading order, by its words; a denied mention does not count. */
export function namedFailure(text: string): Label | undefined {
  let first: { label: Label; at: number } | undefined;
  for (const [label, pattern] of FAILURE_WORDS) {
    for (const m of text.matchAll(pattern)) {
      if (first && m.index >= first.at) break;
      if (deniedAt(text, m.index)) continue;
      first = { label, at: m.index };
      break;
    }
  }
  return first?.label;
}

/** What the reader found on a line of a text: its label, a cooldown's cause, its provider, the line. */
type Found = {
  readonly label: Label;
  readonly cause?: Label;
  readonly provider?: string;
  /** Which line of the text, from 0. */
  readonly at?: number;
};

/** The failure a finding names: its own label, or a cooldown's cause. */
const failureOf = (f: Found): Label | undefined =>
  f.label === 'cooldown' ? f.cause : COOLDOWN_CAUSES.has(f.label) ? f.label : undefined;

/**
 * The first failure behind the cooldown `top`, as diagnose takes it from a log: the failure named
 * first in the text (a 429 on a line above the refusal, a trailing "(rate_limit)" on the line a
 * refusal wraps onto, a reason word in a record), preferring the cooldown's own provider; then a
 * reason or failure its words name anywhere ("failureCounts" on a line of its own, "after hitting
 * the rate limit"). None when the text names no failure.
 */
export function firstFailure(top: Found, found: readonly Found[], text: string): Label | undefined {
  const named = found.filter((f) => failureOf(f) !== undefined).sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  const sameRoute = (f: Found): boolean =>
    f.provider === undefined || top.provider === undefined || f.provider === top.provider;
  const first = named.find(sameRoute) ?? named[0];
  return (first && failureOf(first)) ?? reasonCause(text) ?? namedFailure(text);
}
