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

// A worker kept busy for 40 s, as a loaded host's `doctor` keeps it, outlasts the 30 s pickup time.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });
const BUSY_MS = 40_000;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(slowOnce: string) {
  const h = await startFixHarness('gateway_down', { FAKE_OPENCLAW_SLOW_ONCE: slowOnce });
  cleanups.push(() => h.stop());
  const side: SlackSide = await startSlackSide(h.chat);
  cleanups.push(() => side.stop());
  return { h, side };
}

/**
 * An approval request for starting gw-1's gateway: the requester clicks a Start button left from
 * a gateway_down verdict (`fix` runs only behind a button).
 */
async function askToStart(h: Awaited<ReturnType<typeof startFixHarness>>, side: SlackSide) {
  const start = await h.chat.actions.put(
    { text: 'fix start-gateway gw-1 gateway_down', createdBy: REQUESTER, createdAt: Date.now() },
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
    BUSY_MS + 30_000,
  );

async function until(test: () => boolean) {
  for (let i = 0; i < 400 && !test(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(test()).toBe(true);
}

describe('a worker busy with one job', () => {
  it('runs a fix approved during a 40 s diagnosis at once, exactly once, audited through its result', async () => {
    const { h, side } = await setUp(`models status --json=${BUSY_MS}`);
    const { ts, approve } = await askToStart(h, side);
    const slowProbe = () => h.scenario.calls().some((c) => c.args.join(' ') === 'models status --json');
    await diagnoseLater(side);
    await until(slowProbe);
    const result = await click(side, approve, ts, APPROVER, /Before/);
    expect(result.text).toMatch(/ran, not fixed — Start the gateway on gw-1/);
    expect(h.executed()).toHaveLength(1);
    // The diagnosis that kept the worker busy is still answered, after the fix.
    await verdictPosted(side);
    expect(h.executed()).toHaveLength(1);
    expect((await h.audit()).map((e) => e.event)).toEqual(['requested', 'approved', 'result']);
  });

  it('answers a diagnosis asked during a 40 s fix, and queues a second fix behind the first, saying so', async () => {
    const { h, side } = await setUp(`gateway start=${BUSY_MS}`);
    const first = await askToStart(h, side);
    const second = await askToStart(h, side);
    const firstResult = click(side, first.approve, first.ts, APPROVER, /Before/, BUSY_MS + 30_000);
    await until(() => h.executed().length === 1);
    await diagnoseLater(side);
    await verdictPosted(side);
    // The fix is still running: only now does the second approval join the fix lane.
    expect(h.executed()).toHaveLength(1);
    const secondResult = click(side, second.approve, second.ts, APPROVER, /Before/, BUSY_MS + 30_000);
    await side.fake.waitFor(
      (c) => /gw-1 is busy with another fix; yours is next/.test(String(c.args.text)),
      20_000,
    );
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
