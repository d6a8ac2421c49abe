import { cleanText } from './text.js';

/** One gateway log line, whatever form it came in. */
export type LogEntry = {
  /** Milliseconds since the epoch, when the line carries a time. */
  readonly time: number | null;
  readonly level: string | null;
  readonly subsystem: string | null;
  /** The human message (`message`, or the joined string arguments). */
  readonly message: string;
  /** The structured argument of an event line (`{event: "embedded_run_agent_end", …}`). */
  readonly fields: Readonly<Record<string, unknown>> | null;
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseObject(text: string): Json | null {
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

function subsystemOf(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('{')) return null;
  const parsed = parseObject(value);
  return typeof parsed?.subsystem === 'string' ? parsed.subsystem : null;
}

/** Reads a tslog line: arguments under "0", "1", …, metadata under `_meta`. */
function fromTslog(obj: Json): LogEntry {
  const meta = isObject(obj._meta) ? obj._meta : {};
  const args = Object.keys(obj)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => obj[k]);
  const subsystem = subsystemOf(args[0]) ?? subsystemOf(meta.name);
  const texts = args.filter((a, i): a is string => typeof a === 'string' && !(i === 0 && subsystemOf(a)));
  const fields = args.find(isObject) ?? null;
  const time = typeof obj.time === 'string' ? obj.time : typeof meta.date === 'string' ? meta.date : null;
  const level = typeof meta.logLevelName === 'string' ? meta.logLevelName.toLowerCase() : null;
  const message = typeof obj.message === 'string' ? obj.message : texts.join(' ');
  return { time: time ? Date.parse(time) || null : null, level, subsystem, message, fields };
}

/** Reads one record of `openclaw logs --json`; `raw` holds the original file line. */
function fromLogsJson(obj: Json): LogEntry | null {
  if (obj.type === 'raw' && typeof obj.raw === 'string') return parseLogLine(obj.raw);
  if (obj.type === 'error') {
    // `openclaw logs` reports a gateway it cannot reach (or that refuses it) as an error record.
    const parts = [obj.message, obj.error, obj.details, obj.hint].filter(
      (p): p is string => typeof p === 'string',
    );
    return { time: null, level: 'error', subsystem: null, message: parts.join(' '), fields: null };
  }
  if (obj.type !== 'log') return null;
  const raw = typeof obj.raw === 'string' ? parseObject(obj.raw) : null;
  if (raw) return fromTslog(raw);
  return {
    time: typeof obj.time === 'string' ? Date.parse(obj.time) || null : null,
    level: typeof obj.level === 'string' ? obj.level : null,
    subsystem: typeof obj.subsystem === 'string' ? obj.subsystem : null,
    message: typeof obj.message === 'string' ? obj.message : '',
    fields: null,
  };
}

const PLAIN = /^(\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)\s+(fatal|error|warn|info|debug|trace)\s+(.*)$/;

/** Parses one log line of any form: tslog JSON, `logs --json` record, `logs --plain` text or free text. */
export function parseLogLine(line: string): LogEntry | null {
  const text = cleanText(line).trim();
  if (text === '') return null;
  if (text.startsWith('{')) {
    const obj = parseObject(text);
    if (obj) return 'type' in obj ? fromLogsJson(obj) : fromTslog(obj);
  }
  const plain = PLAIN.exec(text);
  if (plain) {
    return {
      time: Date.parse(plain[1] ?? '') || null,
      level: plain[2] ?? null,
      subsystem: null,
      message: plain[3] ?? '',
      fields: null,
    };
  }
  if (text.startsWith('Log file:')) return null;
  return { time: null, level: null, subsystem: null, message: text, fields: null };
}

/** Parses a whole log text. Lines that cannot be read become plain-text entries, never errors. */
export function parseLog(text: string): LogEntry[] {
  return text.split('\n').flatMap((l) => {
    const entry = parseLogLine(l);
    return entry ? [entry] : [];
  });
}
