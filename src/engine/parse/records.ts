import { parseDict } from './json.js';

/** The fields of a structured record, as strings. */
export type RecordFields = Readonly<Record<string, string>>;

const PAIR = /(?:^|[\s,;[(])([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;)\]]+)/g;

/** Keys that make even a single `key=value` pair a record worth reading. */
const TELLING = /^(?:decision|window|windowType|reason|failoverReason|event|status|httpCode)$/;

/** `decision=skip_cooldown reason=billing provider=anthropic`: two pairs or more, or one telling pair. */
function keyValues(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  let n = 0;
  for (const m of text.matchAll(PAIR)) {
    const key = m[1] as string;
    const raw = m[2] as string;
    out[key] = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
    n++;
  }
  if (n === 0) return null;
  return n >= 2 || Object.keys(out).some((k) => TELLING.test(k)) ? out : null;
}

/** `windowType: disabled`, `reason: billing`: the telling keys written as YAML or prose. */
const COLON_PAIR =
  /\b(decision|window|windowType|reason|failoverReason|disabledReason|cooldownReason|event|httpCode)\s*:\s*["'`]?([A-Za-z_][\w.-]*)/g;

function colonPairs(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(COLON_PAIR)) out[m[1] as string] = m[2] as string;
  return Object.keys(out).length > 0 ? out : null;
}

/** The string, number and boolean fields of an object, as strings; nested values are left out. */
export function stringFields(value: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/** A JSON object or Python dict inside the text (`{'name': 'auth_refresh', 'status': 'failed'}`). */
function objectFields(text: string): Record<string, string> | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end <= start) return null;
  const value = parseDict(text.slice(start, end + 1));
  if (!value) return null;
  const out = stringFields(value);
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * The fields of an OpenClaw record that is not a tslog line: `key=value` decision and window lines,
 * a JSON or dict-shaped event record with `name`, `reason`, `status`, `code`, or telling keys
 * written `key: value`. `null` for prose.
 */
export function readRecord(text: string): RecordFields | null {
  if (text.includes('=')) {
    const kv = keyValues(text);
    if (kv) return kv;
  }
  return (text.includes('{') ? objectFields(text) : null) ?? colonPairs(text);
}
