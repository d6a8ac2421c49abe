import { isSecretName, isSecretValue, words } from './secrets.js';

/** A value in a key position: `key=value`, `key: value`, `"key":"value"`, `\"key\":\"value\"`. */
export type KeyValue = {
  readonly name: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
};

const NAME_CHAR = /[A-Za-z0-9_.-]/;
/** Where a bare value ends: a separator too, so `error: api_key=…` still finds the key's value. */
const VALUE_END = /[\s"'`\\,;&<>(){}[\]|:=]/;
const MAX_NAME = 64;
const MAX_VALUE = 8192;

/** The value after `from`, quoted (JSON escapes kept) or bare; null when there is none. */
function valueAt(text: string, from: number): { start: number; end: number; quoted: boolean } | null {
  let i = from;
  for (let n = 0; n < 3 && (text[i] === ' ' || text[i] === '\t'); n++) i++;
  // JSON inside a JSON string (once or more): the quote comes after backslashes.
  let slashes = 0;
  while (slashes < 8 && text[i + slashes] === '\\') slashes++;
  const escaped = slashes > 0 && text[i + slashes] === '"';
  const quote = escaped ? '"' : text[i] === '"' || text[i] === "'" ? text[i] : null;
  if (escaped) i += slashes + 1;
  else if (quote) i++;
  const start = i;
  const limit = Math.min(text.length, start + MAX_VALUE);
  if (!quote) {
    while (i < limit && !VALUE_END.test(text[i] as string)) i++;
  } else if (escaped) {
    // Inside a JSON string that holds JSON: the value ends where its escaped quote starts.
    while (i < limit && text[i] !== '\\') i++;
    if (i >= limit) return null;
  } else {
    while (i < limit && text[i] !== quote) i += text[i] === '\\' && quote === '"' ? 2 : 1;
    if (i >= limit) return null;
  }
  return i > start ? { start, end: i, quoted: quote !== null } : null;
}

/** The name before the separator at `at`, skipping a closing quote and spaces. */
function nameBefore(text: string, at: number): string {
  let i = at - 1;
  for (let n = 0; n < 3 && (text[i] === ' ' || text[i] === '\t'); n++) i--;
  if (text[i] === '"' || text[i] === "'") i--;
  for (let n = 0; n < 8 && text[i] === '\\'; n++) i--;
  const end = i + 1;
  while (i >= 0 && end - i <= MAX_NAME && NAME_CHAR.test(text[i] as string)) i--;
  return text.slice(i + 1, end);
}

/**
 * Every value in a key position, in order and without overlaps. Linear: each separator is looked
 * at once, names and values are read within fixed bounds, and scanning goes on after a bare
 * value, or inside a quoted one that was kept (it may hold JSON of its own).
 */
export function* keyValues(text: string): Generator<KeyValue, void, boolean> {
  const sep = /[:=]/g;
  for (let m = sep.exec(text); m; m = sep.exec(text)) {
    const name = nameBefore(text, m.index);
    if (!name) continue;
    const v = valueAt(text, m.index + 1);
    if (!v) continue;
    const taken: boolean = yield { name, value: text.slice(v.start, v.end), start: v.start, end: v.end };
    if (taken || !v.quoted) sep.lastIndex = Math.max(sep.lastIndex, v.end);
  }
}

/** Shannon entropy of a string, in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}

/** Last words of names whose values are identifiers or hashes, never credentials. */
const ID_WORDS = new Set([
  'id',
  'ids',
  'uuid',
  'hash',
  'sha',
  'digest',
  'checksum',
  'commit',
  'etag',
  'model',
  'version',
]);
/** Identifiers by shape: UUIDs, request and message ids, hex hashes and commit ids, model ids. */
const ID_VALUE = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^(?:req|msg|toolu|run|evt|chatcmpl|resp)_[A-Za-z0-9]{8,}$/,
  /^[0-9a-f]+$/i,
  /^[a-z][a-z0-9]*(?:[-.][a-z0-9]+)+$/, // claude-sonnet-4-5-20250929, lowercase dashed words
  /^[A-Za-z0-9_-]+\/[A-Za-z0-9._/-]+$/, // provider/model and paths
  /^[a-z]*(?:[A-Z][a-z]{2,})+$/, // camelCase and PascalCase names
  /^[a-z]+(?:_[a-z0-9]+)+$/, // snake_case names
];

/** Whether a value in a key position looks like a random credential: long, varied, high entropy. */
function isRandomToken(name: string, value: string): boolean {
  if (value.length < 24 || ID_WORDS.has(words(name).filter(Boolean).at(-1) ?? '')) return false;
  if (!/^[A-Za-z0-9+/_.~-]+=*$/.test(value) || ID_VALUE.some((re) => re.test(value))) return false;
  const body = value.replace(/=+$/, '');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(body)).length;
  return classes === 3 ? entropy(body) >= 3 : classes === 2 && entropy(body) >= 3.5;
}

/** Whether a key-position value is a secret: under a secret name, or random enough to be one. */
export function isKeyPositionSecret({ name, value }: KeyValue): boolean {
  return (isSecretName(name) && isSecretValue(value)) || isRandomToken(name, value);
}
