import { RECENT_WINDOW_MS } from '../engine/facts.js';
import { type FileRead, readTail } from './host-files.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` in local time, as OpenClaw names its daily log files. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** `/tmp/openclaw/openclaw[-<profile>]-YYYY-MM-DD.log` for `now`, as OpenClaw names it. */
export function defaultLogFile(env: Readonly<Record<string, string>>, now = new Date()): string {
  const profile = env.OPENCLAW_PROFILE ? `-${env.OPENCLAW_PROFILE}` : '';
  return `/tmp/openclaw/openclaw${profile}-${localDay(now)}.log`;
}

/** The same daily file a day earlier, when `path` is the daily file of `now`'s date. */
export function previousDailyFile(path: string, now: Date): string | null {
  const today = `${localDay(now)}.log`;
  if (!path.endsWith(`-${today}`)) return null;
  return `${path.slice(0, -today.length)}${localDay(new Date(now.getTime() - DAY_MS))}.log`;
}

/**
 * Reads the tail of a daily log file. Shortly after midnight the recent failures are still in
 * yesterday's file, so within the recent window its tail comes first.
 */
export async function readDailyLog(path: string, now: Date): Promise<FileRead> {
  const read = await readTail(path);
  const previous = previousDailyFile(path, now);
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  if (!read.ok || previous === null || now.getTime() - midnight > RECENT_WINDOW_MS) return read;
  const before = await readTail(previous);
  return before.ok ? { ok: true, text: `${before.text}\n${read.text}` } : read;
}

/** Lines looked at to tell a gateway log from some other file. */
const SAMPLE_LINES = 20;

/**
 * Whether `text` is an OpenClaw gateway log (tslog JSON lines, each with a time): a file that
 * is something else must not pass for a quiet, healthy log. An empty file is a quiet new day.
 */
export function isGatewayLog(text: string): boolean {
  const sample = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-SAMPLE_LINES);
  if (sample.length === 0) return true;
  return sample.some((line) => {
    if (!line.startsWith('{')) return false;
    try {
      const obj = JSON.parse(line) as { time?: unknown; _meta?: unknown };
      return typeof obj.time === 'string' || (typeof obj._meta === 'object' && obj._meta !== null);
    } catch {
      return false;
    }
  });
}
