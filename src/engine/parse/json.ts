import JSON5 from 'json5';
import { cleanText } from './text.js';

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Parses JSON out of CLI output that may carry noise: ANSI colour, a banner or warnings before
 * the object, trailing text after it. Never throws.
 */
export function parseJsonLoose(text: string): JsonResult {
  const clean = cleanText(text).trim();
  if (clean === '') return { ok: false, error: 'empty output' };
  const direct = tryParse(clean);
  if (direct.ok) return direct;
  // A banner or warning line before the JSON: start at the first line that opens an object.
  const start = clean.search(/^[[{]/m);
  if (start > 0) {
    const fromStart = tryParse(clean.slice(start));
    if (fromStart.ok) return fromStart;
  }
  // Trailing text after the JSON: cut at the last closing brace.
  const from = Math.max(start, 0);
  const end = clean.lastIndexOf(clean[from] === '[' ? ']' : '}');
  if (end > from) {
    const trimmed = tryParse(clean.slice(from, end + 1));
    if (trimmed.ok) return trimmed;
  }
  return { ok: false, error: direct.error };
}

function tryParse(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** A JSON5 object or a Python dict (`{'type': 'error', …}`, `None`, `True`) as SDK exceptions print it; else `null`. */
export function parseDict(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON5.parse(
      text
        .replace(/\bNone\b/g, 'null')
        .replace(/\bTrue\b/g, 'true')
        .replace(/\bFalse\b/g, 'false'),
    );
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
