import { fingerprint, fingerprintMasked } from './fingerprint.js';
import { isKeyPositionSecret, keyValues } from './key-values.js';
import { joinWrapped, replaceBase64Secrets, replacePem, stripInvisible } from './redact-passes.js';
import { KEY_SHAPES, OPENCLAW_MASK, PLACE_SHAPES, type ShapeRule } from './redact-rules.js';
import { MIN_SECRET } from './secrets.js';

/** Removes secrets from text; counts each distinct secret once. */
export type Redactor = {
  redact(text: string): string;
  /** How many distinct secrets have been removed so far. */
  readonly count: number;
};

const REDACTED = '[REDACTED]';
const isRedacted = (s: string): boolean => s.startsWith('[REDACTED') || s.startsWith('[MASKED');
/** A port in a URL (`https://host:443/a@b`) is not a password. */
const PORT_PATH = /^\d{1,5}\//;

/** The forms a known value takes in output: as is, inside a JSON string, URL-encoded. */
function forms(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

/** Whether any key shape, or any known value, crosses position `cut` of `joined`. */
function crossesCut(joined: string, cut: number, literals: readonly string[] = []): boolean {
  for (const { pattern } of KEY_SHAPES) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(joined); m; m = pattern.exec(joined))
      if (m.index < cut && m.index + m[0].length > cut) return true;
  }
  return literals.some((lit) => {
    const at = joined.indexOf(lit, Math.max(0, cut - lit.length + 1));
    return at !== -1 && at < cut && at + lit.length > cut;
  });
}

/**
 * Creates a redactor. `knownSecrets` are exact values found on the host (config, environments,
 * env files); they are removed wherever they appear, whatever their shape. In order: keys cut by
 * a line break or a zero-width character are joined, then known values, PEM blocks, credentials
 * by their prefix, secrets by their place (URLs, headers, JWTs, webhooks), values in key
 * positions under a secret name or random enough to be a credential, and base64-encoded JSON
 * holding any of these are removed. Every pass is linear in the length of the text.
 *
 * @example
 * const r = createRedactor(['lab-gw-token-1111']);
 * r.redact('token lab-gw-token-1111'); // 'token [REDACTED]'
 */
export function createRedactor(knownSecrets: Iterable<string> = []): Redactor {
  const seen = new Set<string>();
  const known = [...new Set(knownSecrets)].filter((s) => s.length >= MIN_SECRET);
  const literals = [...new Set(known.flatMap(forms))].sort((a, b) => b.length - a.length);

  const mark = (secret: string, withFingerprint = false): string => {
    seen.add(secret);
    return withFingerprint ? `[REDACTED ${fingerprint(secret)}]` : REDACTED;
  };

  const applyRule = (text: string, { name, pattern, group, fingerprint: fp }: ShapeRule): string =>
    text.replace(pattern, (match: string, ...groups: unknown[]) => {
      const secret = group === 0 ? match : groups[group - 1];
      if (typeof secret !== 'string' || isRedacted(secret)) return match;
      if (name === 'url-password' && PORT_PATH.test(secret)) return match;
      return match.replace(secret, mark(secret, fp));
    });

  const keyPositions = (text: string): string => {
    let out = '';
    let from = 0;
    const found = keyValues(text);
    for (let next = found.next(false); !next.done; ) {
      const kv = next.value;
      const taken = !isRedacted(kv.value) && kv.start >= from && isKeyPositionSecret(kv);
      if (taken) {
        out += text.slice(from, kv.start) + mark(kv.value);
        from = kv.end;
      }
      next = found.next(taken);
    }
    return from === 0 ? text : out + text.slice(from);
  };

  const knownValues = (text: string): string => {
    let out = text;
    for (const lit of literals) if (out.includes(lit)) out = out.replaceAll(lit, () => mark(lit));
    return out;
  };
  const byShape = (text: string): string =>
    keyPositions(PLACE_SHAPES.reduce(applyRule, KEY_SHAPES.reduce(applyRule, text)));

  const redact = (input: string): string => {
    const joined = joinWrapped(stripInvisible(input), (text, cut) => crossesCut(text, cut, literals));
    const out = byShape(replacePem(knownValues(joined), (block) => mark(block)));
    // A base64 run is checked with the same passes; the secrets inside are counted as found.
    const decoded = replaceBase64Secrets(
      out,
      (inner) => byShape(knownValues(inner)),
      () => REDACTED,
    );
    return decoded.replace(OPENCLAW_MASK, (masked: string) => {
      seen.add(masked);
      return `[MASKED ${fingerprintMasked(masked)}]`;
    });
  };

  return {
    redact,
    get count() {
      return seen.size;
    },
  };
}

/**
 * Puts back together keys cut by a line break or a zero-width character, for text that is about
 * to have its whitespace flattened (evidence lines): a flattened break could not be told from a
 * space between two words any more.
 */
export function unwrapKeys(text: string): string {
  return joinWrapped(stripInvisible(text), (joined, cut) => crossesCut(joined, cut));
}

/** Returns a copy of `value` with every string inside it redacted. */
export function redactDeep<T>(value: T, redactor: Pick<Redactor, 'redact'>): T {
  if (typeof value === 'string') return redactor.redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, redactor)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redactor);
    return out as T;
  }
  return value;
}
