import { type LogEvent, toLogEvent } from './log-events.js';
import { parseLogLine } from './parse/log-lines.js';
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
  ...STRUCTURE_PATTERNS,
  ...TEXT_RULES.filter(readInLogs).map((r) => jsonTolerant(r.pattern.source)),
];

const PREFILTER = new RegExp(ROUTE_PATTERNS.join('|'), 'i');
const PREFILTER_ALL = new RegExp(ROUTE_PATTERNS.join('|'), 'gi');

/**
 * Whether a raw log line can say anything about the route. A line that fails this gives no
 * event, so the JSON parse can be skipped: most of a busy gateway's lines are not about the route.
 */
export const mayMatter = (line: string): boolean => PREFILTER.test(line);

/**
 * The route events of a whole log text: the regex finds the candidate lines at scan speed, and
 * only those are parsed. Gives exactly what parsing every line would.
 */
export function scanLogText(text: string): LogEvent[] {
  const out: LogEvent[] = [];
  const re = new RegExp(PREFILTER_ALL);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = text.lastIndexOf('\n', m.index) + 1;
    let end = text.indexOf('\n', m.index);
    if (end === -1) end = text.length;
    const entry = parseLogLine(text.slice(start, end));
    const event = entry && toLogEvent(entry);
    if (event) out.push(event);
    re.lastIndex = end + 1;
  }
  return out;
}
