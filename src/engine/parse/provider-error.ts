import { parseDict } from './json.js';

/** A provider's error body, read for its fields whatever came before it. */
export type ProviderError = {
  /** `anthropic` for `{"type":"error","error":{…}}`, `google` for an upper-case status, else `openai`. */
  readonly provider: 'anthropic' | 'openai' | 'google';
  /** The HTTP status, from the body's `code` or `status` or from a prefix such as `Error: 401` or `HTTP 429:`. */
  readonly status: number | null;
  /** `authentication_error`, `insufficient_quota`, `RESOURCE_EXHAUSTED`, … */
  readonly type: string | null;
  readonly message: string;
  /** The text before the body (`Error: 401`, a log prefix). */
  readonly prefix: string;
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A JSON object or a Python dict (`{'type': 'error', …}`, `None`, `True`), as printed by SDK exceptions. */
function parseBody(text: string): Json | null {
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : null;
  } catch {
    return parseDict(text);
  }
}

const STATUS_BEFORE = /(?:\b(?:HTTP|status|code|Error)[: ]*|^)(\d{3})\b[^{]*$/i;

/**
 * Reads a provider error body (Anthropic `{"type":"error","error":{"type","message"}}`, OpenAI and
 * Google `{"error":{"code","status","type","message"}}`), alone or after a prefix. `null` when the
 * text holds none.
 */
export function readProviderError(text: string): ProviderError | null {
  const start = text.search(/\{\s*["']?(?:type|error)["']?\s*:/);
  if (start === -1) return null;
  const end = text.lastIndexOf('}');
  if (end <= start) return null;
  const obj = parseBody(text.slice(start, end + 1));
  const error = obj && isObject(obj.error) ? obj.error : null;
  if (!obj || !error) return null;
  const message = str(error.message) ?? '';
  const code = error.code;
  const statusWord = str(error.status);
  const type = str(error.type) ?? statusWord ?? (typeof code === 'string' ? code : null);
  const prefix = text.slice(0, start).trim();
  const fromPrefix = STATUS_BEFORE.exec(prefix)?.[1];
  const status =
    typeof code === 'number'
      ? code
      : typeof obj.status === 'number'
        ? obj.status
        : fromPrefix
          ? Number(fromPrefix)
          : null;
  const provider =
    obj.type === 'error' ? 'anthropic' : statusWord && /^[A-Z_]+$/.test(statusWord) ? 'google' : 'openai';
  return { provider, status, type, message, prefix };
}
