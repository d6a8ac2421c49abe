import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultLogFile, previousDailyFile, readDailyLog } from '../../../src/probes/log-file.js';

// Local times, as OpenClaw names its daily files by the local date.
const justAfterMidnight = new Date(2026, 10, 25, 0, 10);
const midMorning = new Date(2026, 10, 25, 9, 30);

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function files(): { today: string } {
  dir = mkdtempSync(join(tmpdir(), 'clawops-log-'));
  writeFileSync(join(dir, 'openclaw-2026-11-24.log'), 'yesterday 23:55\n');
  writeFileSync(join(dir, 'openclaw-2026-11-25.log'), 'today 00:05\n');
  return { today: join(dir, 'openclaw-2026-11-25.log') };
}

describe('daily log files', () => {
  it('names the file of the day, with the profile when there is one', () => {
    expect(defaultLogFile({}, midMorning)).toBe('/tmp/openclaw/openclaw-2026-11-25.log');
    expect(defaultLogFile({ OPENCLAW_PROFILE: 'work' }, midMorning)).toBe(
      '/tmp/openclaw/openclaw-work-2026-11-25.log',
    );
  });

  it("finds yesterday's file of a daily file, and nothing for another name", () => {
    expect(previousDailyFile('/x/openclaw-2026-11-25.log', justAfterMidnight)).toBe(
      '/x/openclaw-2026-11-24.log',
    );
    expect(previousDailyFile('/x/gateway.log', justAfterMidnight)).toBeNull();
  });

  it("reads yesterday's tail first shortly after midnight, when the recent failures are still there", async () => {
    const { today } = files();
    const read = await readDailyLog(today, justAfterMidnight);
    expect(read).toEqual({ ok: true, text: 'yesterday 23:55\n\ntoday 00:05\n' });
  });

  it('reads only the day itself later in the day', async () => {
    const { today } = files();
    expect(await readDailyLog(today, midMorning)).toEqual({ ok: true, text: 'today 00:05\n' });
  });

  it('says why when the file is not there', async () => {
    dir = mkdtempSync(join(tmpdir(), 'clawops-log-'));
    expect(await readDailyLog(join(dir, 'openclaw-2026-11-25.log'), midMorning)).toEqual({
      ok: false,
      reason: 'not there',
    });
  });
});
