import {
  appendFileSync,
  chmodSync,
  mkdtempSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  dailyPath,
  type FollowNotice,
  followLogFile,
  type LogFollower,
} from '../../../src/worker/log-follower.js';

let dir: string;
let follower: LogFollower | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clawops-follow-'));
});
afterEach(async () => {
  await follower?.close();
  follower = null;
  rmSync(dir, { recursive: true, force: true });
});

function follow(pathAt: (now: Date) => string, tailBytes = 0) {
  const lines: string[] = [];
  const notices: FollowNotice[] = [];
  const unreadable: string[] = [];
  follower = followLogFile({
    pathAt,
    tailBytes,
    pollMs: 20,
    onLine: (l) => lines.push(l),
    onNotice: (n) => notices.push(n),
    onUnreadable: (err) => unreadable.push(String(err.code)),
  });
  return { lines, notices, unreadable };
}
/**
 * Waits for what the follower does next. Its polls are 20 ms apart, but on a loaded machine (the
 * whole suite on two cores) a read can come seconds late: vi.waitFor's own 1 s is not enough.
 */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 20 });
const opened = (n: FollowNotice[]) => eventually(() => expect(n).toContain('opened'));

describe('following the gateway log file', () => {
  it('reads only lines written after it started, plus the tail asked for, each once', async () => {
    const file = join(dir, 'gw.log');
    writeFileSync(file, 'old-1\nold-2\nold-3\n');
    const f = follow(() => file, 8);
    await opened(f.notices);
    appendFileSync(file, 'new-1\nnew-');
    appendFileSync(file, '2\n');
    await eventually(() => expect(f.lines).toEqual(['old-3', 'new-1', 'new-2']));
  });

  it('keeps up with a rotation: the old file is read to its end, the new one from its start', async () => {
    const file = join(dir, 'gw.log');
    writeFileSync(file, '');
    const f = follow(() => file);
    await opened(f.notices);
    appendFileSync(file, 'a\n');
    await eventually(() => expect(f.lines).toEqual(['a']));
    appendFileSync(file, 'b-last-of-old');
    renameSync(file, `${file}.1`);
    writeFileSync(file, 'c\n');
    await eventually(() => expect(f.lines).toEqual(['a', 'b-last-of-old', 'c']));
    expect(f.notices).toContain('rotated');
  });

  it('starts again from the top of a truncated file', async () => {
    const file = join(dir, 'gw.log');
    writeFileSync(file, '');
    const f = follow(() => file);
    await opened(f.notices);
    appendFileSync(file, 'first line, long enough\n');
    await eventually(() => expect(f.lines).toHaveLength(1));
    truncateSync(file, 0);
    appendFileSync(file, 'x\n');
    await eventually(() => expect(f.lines).toEqual(['first line, long enough', 'x']));
    expect(f.notices).toContain('truncated');
  });

  it("moves to the next day's file once it exists", async () => {
    let today = join(dir, 'openclaw-2026-11-24.log');
    writeFileSync(today, '');
    const f = follow(() => today);
    await opened(f.notices);
    appendFileSync(today, 'day-1\n');
    today = join(dir, 'openclaw-2026-11-25.log');
    await eventually(() => expect(f.lines).toEqual(['day-1']));
    writeFileSync(today, 'day-2\n');
    await eventually(() => expect(f.lines).toEqual(['day-1', 'day-2']));
    expect(f.notices).toContain('next-day');
  });

  it('waits for a file that does not exist yet, and says when a file cannot be read', async () => {
    const file = join(dir, 'later.log');
    const f = follow(() => file);
    writeFileSync(file, 'hello\n');
    await eventually(() => expect(f.lines).toEqual(['hello']));
    await follower?.close();
    if (process.getuid?.() === 0) return; // root reads any file: nothing more to see here
    const locked = join(dir, 'locked.log');
    writeFileSync(locked, 'secret\n');
    chmodSync(locked, 0o000);
    const g = follow(() => locked);
    await eventually(() => expect(g.unreadable).toEqual(['EACCES']));
  });

  it("names OpenClaw's daily file by the local date, and leaves other names alone", () => {
    const at = new Date(2026, 10, 25, 0, 30);
    expect(dailyPath('/tmp/openclaw/openclaw-2026-11-24.log')(at)).toBe(
      '/tmp/openclaw/openclaw-2026-11-25.log',
    );
    expect(dailyPath('/tmp/openclaw/openclaw-work-2026-01-01.log')(at)).toBe(
      '/tmp/openclaw/openclaw-work-2026-11-25.log',
    );
    expect(dailyPath('/var/log/gw.log')(at)).toBe('/var/log/gw.log');
  });
});

describe('a truncation hidden by a quick rewrite', () => {
  it('is seen by the first bytes changing, even when the file is longer than before', async () => {
    const file = join(dir, 'gw.log');
    writeFileSync(file, '');
    const f = follow(() => file);
    await opened(f.notices);
    appendFileSync(file, 'short-1\n');
    await eventually(() => expect(f.lines).toEqual(['short-1']));
    await follower?.close();
    // Truncated and rewritten before the follower looked again: the size alone cannot tell.
    const g = follow(() => file);
    await opened(g.notices);
    writeFileSync(file, 'a much longer first line than before\n');
    await eventually(() => expect(g.lines).toEqual(['a much longer first line than before']));
    expect(g.notices).toContain('truncated');
  });
});
