import type { Label } from './diagnosis.js';
import data from './text-model.json' with { type: 'json' };

/**
 * A small learned fallback for text the rules do not recognise: a multinomial logistic model over
 * normalised word, word-pair and word-stem tokens, trained only on the corpus's `train` rows by
 * `npm run corpus:train` (test/fixtures/corpus/train.ts), which writes `text-model.json`. Pure:
 * the weights are data, scoring is arithmetic.
 */
export type TextModel = {
  /** The classes, in the order of the weights. */
  readonly labels: readonly string[];
  /** Per class, scaled by `scale`. */
  readonly bias: readonly number[];
  readonly features: readonly string[];
  /** Per feature: pairs of class index and weight (scaled by `scale`); classes not listed weigh 0. */
  readonly weights: readonly (readonly number[])[];
  readonly scale: number;
  /** The least probability, and the least lead over the runner-up, at which a guess is given. */
  readonly minProbability: number;
  readonly minMargin: number;
  /**
   * What the model was trained from: a digest of the train rows, the trainer's settings and the
   * sources of the trainer and tokens (test/fixtures/corpus/train.ts), so a stale model shows cheaply.
   */
  readonly trainDigest?: string;
};

/** The file's shape: the scalars above, and one `[feature, class, weight, class, weight, …]` entry a feature. */
export type TextModelFile = Omit<TextModel, 'features' | 'weights'> & {
  readonly entries: readonly (readonly (string | number)[])[];
};

export function fromFile(file: TextModelFile): TextModel {
  const { entries, ...head } = file;
  return {
    ...head,
    features: entries.map((e) => String(e[0])),
    weights: entries.map((e) => e.slice(1).map(Number)),
  };
}

export const TEXT_MODEL: TextModel = fromFile(data);

/** Words longer than this, or long runs of letters and digits, are ids or secrets, not words. */
const MAX_WORD = 24;
const ID_LIKE = /^(?=.*\d)(?=.*[a-z])[a-z0-9]{12,}$/;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]+(?:[_'.-][\p{L}\p{N}]+)*/gu;
/** Numbers that carry meaning: HTTP statuses, close codes, the gateway's port. */
const KEPT_NUMBER = /^\d{3,5}$/;
const STEM = 5;
/** Words that say nothing of a failure on their own; the words around them do. */
const FILLER = new Set(
  'a an the to of or and in on at for with from by is are was were be been it its this that i my me we you your'.split(
    ' ',
  ),
);

/** A token and the word of the text it came from, so a verdict can show the words that told. */
export type Token = { readonly feature: string; readonly word: string };

function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    const word = m[0];
    if (CJK.test(word)) {
      // No spaces between CJK words: pairs of characters stand in for words.
      const chars = [...word];
      for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
      if (chars.length === 1) out.push(word);
      continue;
    }
    if (word.length > MAX_WORD || word.split(/[_'.-]/).some((p) => ID_LIKE.test(p))) continue;
    if (/^\d+$/.test(word) && !KEPT_NUMBER.test(word)) continue;
    if (FILLER.has(word)) continue;
    out.push(word);
  }
  return out;
}

/**
 * The tokens of `text`: each word, the parts of a compound word (`rate_limit_error`,
 * `api.anthropic.com`), a stem of each long word, and each pair of neighbouring words. Distinct.
 */
export function modelTokens(text: string): Token[] {
  const words = wordsOf(text);
  const seen = new Map<string, string>();
  const add = (feature: string, word: string): void => {
    if (!seen.has(feature)) seen.set(feature, word);
  };
  words.forEach((word, i) => {
    add(word, word);
    const parts = word.split(/[_'.-]/).filter((p) => p.length > 1);
    if (parts.length > 1) for (const p of parts) add(p, word);
    for (const p of parts.length > 1 ? parts : [word])
      if (p.length > STEM + 1 && !/\d/.test(p)) add(`~${p.slice(0, STEM)}`, word);
    const next = words[i + 1];
    if (next !== undefined) add(`${word} ${next}`, `${word} ${next}`);
  });
  return [...seen].map(([feature, word]) => ({ feature, word }));
}

/** Text that says itself that its failure's cause is unknown: no guess can know better. */
const SAYS_UNKNOWN = /\b(?:unknown|unspecified|unexpected) (?:error|reason|failure|cause)\b/i;

/** A notice that a change takes effect without a restart (`openclaw config set`): no failure to guess. */
const RELOAD_NOTICE = /\b(?:appl(?:y|ies|ied)|takes? effect) without (?:a )?restart(?:ing)?\b/i;

export type ModelGuess = {
  readonly label: Label;
  readonly probability: number;
  /** Lead over the runner-up class's probability. */
  readonly margin: number;
  /** The words that pushed hardest towards the label, most telling first. */
  readonly telling: readonly string[];
};

const indexCache = new WeakMap<TextModel, Map<string, number>>();
function indexOf(model: TextModel): Map<string, number> {
  let index = indexCache.get(model);
  if (!index) {
    index = new Map(model.features.map((f, i) => [f, i]));
    indexCache.set(model, index);
  }
  return index;
}

/** Class scores of `tokens` (unscaled logits), and each known token's weights. */
function logits(model: TextModel, tokens: readonly Token[]): { scores: number[]; known: [Token, number][] } {
  const index = indexOf(model);
  const scores = model.bias.map((b) => b / model.scale);
  const known: [Token, number][] = [];
  for (const token of tokens) {
    const at = index.get(token.feature);
    if (at === undefined) continue;
    known.push([token, at]);
    const pairs = model.weights[at] ?? [];
    for (let k = 0; k + 1 < pairs.length; k += 2)
      scores[pairs[k] as number] =
        (scores[pairs[k] as number] as number) + (pairs[k + 1] as number) / model.scale;
  }
  return { scores, known };
}

function weightOf(model: TextModel, at: number, label: number): number {
  const pairs = model.weights[at] ?? [];
  for (let k = 0; k + 1 < pairs.length; k += 2)
    if (pairs[k] === label) return (pairs[k + 1] as number) / model.scale;
  return 0;
}

/**
 * The model's best label for `text`, however unsure, or `null` when the text has no token it
 * knows, says itself that its cause is unknown, or is a notice that a change applies without a restart.
 */
export function rankLabels(text: string, model: TextModel = TEXT_MODEL): ModelGuess | null {
  if (SAYS_UNKNOWN.test(text) || RELOAD_NOTICE.test(text)) return null;
  const { scores, known } = logits(model, modelTokens(text));
  if (known.length === 0) return null;
  const top = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - top));
  const sum = exp.reduce((a, b) => a + b, 0);
  const order = exp.map((e, i) => [e / sum, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const [best, second] = [order[0], order[1]];
  if (!best) return null;
  const rival = second?.[1] ?? best[1];
  const telling = known
    .map(([token, at]) => [token.word, weightOf(model, at, best[1]) - weightOf(model, at, rival)] as const)
    .filter(([, lead]) => lead > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([word]) => word);
  return {
    label: model.labels[best[1]] as Label,
    probability: best[0],
    margin: best[0] - (second?.[0] ?? 0),
    telling: [...new Set(telling)].slice(0, 4),
  };
}

/**
 * The model's guess for `text`, or `null` when it is not sure enough (below its probability or
 * margin), when it guesses `unknown`, or when `rankLabels` has none.
 */
export function guessLabel(text: string, model: TextModel = TEXT_MODEL): ModelGuess | null {
  const guess = rankLabels(text, model);
  const sure = guess && guess.probability >= model.minProbability && guess.margin >= model.minMargin;
  return sure && guess.label !== 'unknown' ? guess : null;
}
