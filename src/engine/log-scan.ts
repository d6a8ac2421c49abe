import { type LogEvent, TURN_ENDED, toLogEvent } from './log-events.js';
import { parseLog, parseLogLine } from './parse/log-lines.js';
import { phraseText } from './parse/phrase-text.js';
import { readInLogs, TEXT_RULES } from './text-phrases.js';
import { STRUCTURE_PATTERNS } from './text-rules.js';

/** The structured events `toLogEvent` reads, by name. */
const EVENT_NAMES = [
  'embedded_run_agent_end',
  'auth_profile_failure_state_updated',
  'model_fallback_decision',
];

/**
 * A regex source made to match the same text inside a JSON string, where `"` is written `\"`
 * (or `\\\"` when the line is itself quoted inside `openclaw logs --json`). Only quotes outside
 * character classes change; the result matches at least what the original matches.
 */
function jsonTolerant(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else out += c === '"' ? '\\\\*"' : c;
  }
  return out;
}

/**
 * Every pattern a log line must contain something of to say anything about the route: the event
 * names, the records and bodies read by their fields, and the text rules the log reader takes, one per entry, as they are written (JSON-escaped quotes allowed).
 * Each is a JavaScript regex source; the benchmark gives grep the same list.
 */
export const ROUTE_PATTERNS: readonly string[] = [
  ...EVENT_NAMES,
  TURN_ENDED.source,
  ...STRUCTURE_PATTERNS,
  ...TEXT_RULES.filter(readInLogs).map((r) => jsonTolerant(r.pattern.source)),
];

/** The top-level alternatives of a regex source (`a|b(c|d)` gives `a` and `b(c|d)`). */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/**
 * The prefilter as a few regexes: the alternatives written in ASCII, and those with other letters
 * (Chinese, Korean, accented words), each cut into pieces V8 still optimises. Joined into one
 * case-insensitive regex they make V8's matcher a dozen times slower; apart, each runs at scan
 * speed, and a line matches one of them exactly when it matches the whole list.
 */
const ALTERNATIVES = ROUTE_PATTERNS.flatMap(alternatives);
const NON_ASCII = /[^ -~\s]/;
/**
 * Longest source of one prefilter regex. Past about 20 KB of source V8 stops optimising a regex
 * (no Boyer-Moore lookahead) and scans some twenty times slower, so a long list is cut in pieces.
 */
const MAX_PREFILTER_SOURCE = 12_000;

/** `alts` in runs whose joined source stays under MAX_PREFILTER_SOURCE. */
function chunks(alts: readonly string[]): string[][] {
  const out: string[][] = [];
  let run: string[] = [];
  let size = 0;
  for (const a of alts) {
    if (run.length > 0 && size + a.length + 1 > MAX_PREFILTER_SOURCE) {
      out.push(run);
      run = [];
      size = 0;
    }
    run.push(a);
    size += a.length + 1;
  }
  if (run.length > 0) out.push(run);
  return out;
}

const PREFILTERS = [
  ALTERNATIVES.filter((a) => !NON_ASCII.test(a)),
  ALTERNATIVES.filter((a) => NON_ASCII.test(a)),
]
  .flatMap(chunks)
  .map((of) => new RegExp(of.join('|'), 'i'));

const anyPrefilter = (text: string): boolean => PREFILTERS.some((re) => re.test(text));

/**
 * Whether a log line, raw or as its message, can say anything about the route: a line or
 * message that fails this gives no event, so the phrase rules need not read it. The phrase rules
 * read the text with its blanks, styled letters and Traditional Chinese normalised, so a line
 * the raw text rules out is tried once more as they read it.
 */
export function mayMatter(line: string): boolean {
  if (anyPrefilter(line)) return true;
  const read = phraseText(line);
  return read !== line && anyPrefilter(read);
}

/**
 * The route event of one raw log line, exactly what `toLogEvent` makes of it. Reading a line's
 * JSON and level costs far less than running the prefilter over it, and most lines of a busy
 * gateway are info or debug records that no phrase rule reads: the prefilter runs only on the
 * messages that the phrase rules would read, and spares those rules the ones it rules out.
 */
export function lineEvent(line: string): LogEvent | null {
  const entry = parseLogLine(line);
  return entry && toLogEvent(entry, mayMatter);
}

/** The route events of a whole log text, line by line. Gives exactly what parsing every line would. */
export const scanLogText = (text: string): LogEvent[] =>
  parseLog(text).flatMap((entry) => toLogEvent(entry, mayMatter) ?? []);
