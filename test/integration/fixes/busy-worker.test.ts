import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { postSigned, slashBody } from '../../support/fake-slack.js';
import {
  APPROVER,
  buttonsOf,
  click,
  REQUESTER,
  type SlackSide,
  startFixHarness,
  startSlackSide,
} from '../../support/fix-harness.js';
import { until } from '../../support/until.js';

// A worker kept busy, as a loaded host's `doctor` keeps it, for longer than the bot waits for a
// worker to take a request (30 s by default, 5 s here). The slow command is held until the test
// releases it: after what the test watches for has happened, and after the pickup time has passed.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });
const PICKUP_MS = 5_000;
/** How long the answers may take, the held command's time aside. */
const ANSWER_MS = 70_000;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A fix harness on gw-1 whose first `openclaw <held…>` waits for `release()`. */
async function setUp(held: string) {
  const folder = mkdtempSync(join(tmpdir(), 'clawops-hold-'));
  cleanups.push(async () => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, 'release');
  const h = await startFixHarness(
    'gateway_down',
    { FAKE_OPENCLAW_HOLD_ONCE: `${held}=${file}` },
    {},
    PICKUP_MS,
  );
  cleanups.push(() => h.stop());
  const side: SlackSide = await startSlackSide(h.chat);
  cleanups.push(() => side.stop());
  return { h, side, release: () => writeFileSync(file, '') };
}

/** Waits until `since` is more than the pickup time ago. */
const outlastPickup = (since: number) =>
  new Promise((r) => setTimeout(r, Math.max(0, since + PICKUP_MS + 1_000 - Date.now())));

/**
 * An approval request for starting gw-1's gateway: the requester clicks a Start button left from
 * a gateway_down verdict (`fix` runs only behind a button).
 */
async function askToStart(h: Awaited<ReturnType<typeof startFixHarness>>, side: SlackSide) {
  const start = await h.chat.actions.put(
    {
      command: 'fix',
      args: { fix: 'start-gateway', host: 'gw-1', verdict: 'gateway_down' },
      createdBy: REQUESTER,
      createdAt: Date.now(),
    },
    60_000,
  );
  const request = await click(side, start, '1700000000.000001', REQUESTER, /asks to run/);
  return { ts: request.ts, approve: request.buttons.get('Approve') as string };
}

/** Types `/claw diagnose gw-1` without waiting for its answer. */
const diagnoseLater = (side: SlackSide) =>
  postSigned(side.url, new URLSearchParams(slashBody(side.fake, 'diagnose gw-1')).toString());

const verdictPosted = (side: SlackSide) =>
  side.fake.waitFor(
    (c) => c.method === 'chat.update' && buttonsOf(c.args.blocks).has('Start the gateway'),
    ANSWER_MS,
  );

describe('a worker busy with one job', () => {
  it('runs a fix approved during a long diagnosis at once, exactly once, audited through its result', async () => {
    const { h, side, release } = await setUp('models status --json');
    const { ts, approve } = await askToStart(h, side);
    const slowProbe = () => h.scenario.calls().some((c) => c.args.join(' ') === 'models status --json');
    await diagnoseLater(side);
    await until(slowProbe);
    const busySince = Date.now();
    const result = await click(side, approve, ts, APPROVER, /Before/);
    expect(result.text).toMatch(/ran, not fixed — Start the gateway on gw-1/);
    expect(h.executed()).toHaveLength(1);
    // The diagnosis that kept the worker busy past the pickup time is still answered, after the fix.
    await outlastPickup(busySince);
    release();
    await verdictPosted(side);
    expect(h.executed()).toHaveLength(1);
    expect((await h.audit()).map((e) => e.event)).toEqual(['requested', 'approved', 'result']);
  });

  it('answers a diagnosis asked during a long fix, and queues a second fix behind the first, saying so', async () => {
    const { h, side, release } = await setUp('gateway start');
    const first = await askToStart(h, side);
    const second = await askToStart(h, side);
    const firstResult = click(side, first.approve, first.ts, APPROVER, /Before/, ANSWER_MS);
    await until(() => h.executed().length === 1);
    await diagnoseLater(side);
    await verdictPosted(side);
    // The fix is still running: only now does the second approval join the fix lane.
    expect(h.executed()).toHaveLength(1);
    const secondResult = click(side, second.approve, second.ts, APPROVER, /Before/, ANSWER_MS);
    await side.fake.waitFor(
      (c) => /gw-1 is busy with another fix; yours is next/.test(String(c.args.text)),
      20_000,
    );
    // The second fix waits behind the first for longer than the pickup time, and is not given up.
    await outlastPickup(Date.now());
    expect(h.executed()).toHaveLength(1);
    release();
    await Promise.all([firstResult, secondResult]);
    // Each click waits for a result; both results come, one fix after the other.
    let results = 0;
    for (let i = 0; i < 400 && results < 2; i++) {
      results = (await h.audit()).filter((e) => e.event === 'result').length;
      if (results < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(results).toBe(2);
    expect(h.executed()).toHaveLength(2);
  });
});
