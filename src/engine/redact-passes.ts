/** Zero-width characters that can split a key without showing: removed before anything else. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

export const stripInvisible = (text: string): string => text.replace(INVISIBLE, '');

const TOKEN_CHAR = /[A-Za-z0-9_+/=.:-]/;
const MAX_PART = 256;
/** A line break, as it is or escaped inside a JSON string. */
const LINE_BREAK = /\r?\n|(?:\\r)?\\n/g;

/**
 * Puts back together a token that a line break cut in two (`sk-ant-api03-…\nrest`), when
 * `spans(joined, cut)` says a secret crosses the cut: the tail then moves up to its head, and
 * the line break follows it. Linear: each line break looks at most MAX_PART characters each way.
 */
export function joinWrapped(text: string, spans: (joined: string, cut: number) => boolean): string {
  if (!text.includes('\n') && !text.includes('\\n')) return text;
  let out = '';
  let from = 0;
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) {
    const headEnd = m.index;
    const tailStart = m.index + m[0].length;
    let a = headEnd;
    while (a > from && headEnd - a < MAX_PART && TOKEN_CHAR.test(text[a - 1] as string)) a--;
    let b = tailStart;
    while (b < text.length && b - tailStart < MAX_PART && TOKEN_CHAR.test(text[b] as string)) b++;
    if (headEnd - a < 4 || b === tailStart) continue;
    const head = text.slice(a, headEnd);
    if (!spans(head + text.slice(tailStart, b), head.length)) continue;
    out += text.slice(from, headEnd) + text.slice(tailStart, b) + m[0];
    from = b;
    LINE_BREAK.lastIndex = b;
  }
  return out + text.slice(from);
}

/**
 * Replaces every PEM block (`-----BEGIN … PRIVATE KEY-----` to its END line, or to the end of the
 * text when the END line is missing) by `replace(block)`. Found with indexOf: linear.
 */
export function replacePem(text: string, replace: (block: string) => string): string {
  const BEGIN = '-----BEGIN ';
  let at = text.indexOf(BEGIN);
  if (at === -1) return text;
  let out = '';
  let from = 0;
  while (at !== -1) {
    const endAt = text.indexOf('-----END ', at + BEGIN.length);
    const close = endAt === -1 ? -1 : text.indexOf('-----', endAt + 9);
    const end = close === -1 ? text.length : close + 5;
    out += text.slice(from, at) + replace(text.slice(at, end));
    from = end;
    at = text.indexOf(BEGIN, end);
  }
  return out + text.slice(from);
}

/** Base64 (standard or URL-safe) runs shorter than this cannot hold a key in JSON. */
const MIN_BASE64 = 24;
const isBase64Char = (c: number): boolean =>
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  (c >= 48 && c <= 57) ||
  c === 43 ||
  c === 47 ||
  c === 45 ||
  c === 95;

/** The text inside a base64 run when it decodes to printable JSON or `key=value` text, else null. */
function decoded(run: string): string | null {
  // Base64 of JSON starts with `ey` ({"), `ew` ({\n) or `W` ([).
  if (!/^(?:ey|ew|W[3y]|e3)/.test(run)) return null;
  const text = Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  return /^\s*[[{]/.test(text) && !text.includes('\uFFFD') ? text : null;
}

/**
 * Replaces each base64 run that decodes to JSON holding a secret (`redactInner` changes it) by
 * `replace(run)`. Each run is decoded once: linear.
 */
export function replaceBase64Secrets(
  text: string,
  redactInner: (inner: string) => string,
  replace: (run: string) => string,
): string {
  // Scanned by hand: a regex over a megabyte-long run keeps a backtrack entry per character.
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; ) {
    if (!isBase64Char(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isBase64Char(text.charCodeAt(i))) i++;
    for (let pad = 0; pad < 2 && text[i] === '='; pad++) i++;
    if (i - start < MIN_BASE64) continue;
    const run = text.slice(start, i);
    const inner = decoded(run);
    if (inner === null || redactInner(inner) === inner) continue;
    out += text.slice(from, start) + replace(run);
    from = i;
  }
  return from === 0 ? text : out + text.slice(from);
}
