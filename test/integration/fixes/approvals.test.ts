import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostParts } from '../../../src/cli/host-parts.js';
import { keysFor } from '../../../src/queue/keys.js';
import { postSigned, slashBody } from '../../support/fake-slack.js';
import {
  APPROVER,
  buttonsOf,
  click,
  REQUESTER,
  type SlackSide,
  slash,
  startFixHarness,
  startSlackSide,
} from '../../support/fix-harness.js';
import { memoryFixPolicy } from '../../support/fix-policy.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(capture: string, env: Record<string, string> = {}) {
  const h = await startFixHarness(capture, env);
  cleanups.push(() => h.stop());
  const side: SlackSide = await startSlackSide(h.chat);
  cleanups.push(() => side.stop());
  return { h, side };
}

/** Diagnoses gw-1 as the requester and clicks the fix's button: the approval request. */
async function requestFix(side: SlackSide, label: string) {
  const verdict = await slash(side, 'diagnose gw-1');
  const fixButton = verdict.buttons.get(label);
  expect(fixButton, [...verdict.buttons.keys()].join(', ')).toBeDefined();
  const request = await click(side, fixButton as string, verdict.ts, REQUESTER, /asks to run/);
  return {
    ts: request.ts,
    text: request.text,
    approve: request.buttons.get('Approve') as string,
    deny: request.buttons.get('Deny') as string,
  };
}

describe('approved fixes over Slack, Redis and a real worker', () => {
  it("runs the fix once on an approver's click, posts before and after, and audits every step", async () => {
    const { h, side } = await setUp('gateway_down');
    const { ts, approve, text } = await requestFix(side, 'Start the gateway');
    // The command the worker will run, as its heartbeat says: here CLAWOPS_START_COMMAND.
    expect(text).toContain(`$ ${h.config.openclawBin} gateway start --json`);
    expect(h.executed()).toHaveLength(0);
    const result = await click(side, approve, ts, APPROVER, /Before/);
    expect(result.text).toMatch(/ran, not fixed — Start the gateway on gw-1/);
    expect(result.text).toMatch(/\*Before\*\\ngateway_down/);
    expect(result.text).toMatch(/\*After\*\\ngateway_down/);
    expect(h.executed().map((c) => c.args.join(' '))).toEqual(['gateway start --json']);
    const audit = await h.audit();
    expect(audit.map((e) => e.event)).toEqual(['requested', 'approved', 'result']);
    for (const e of audit) {
      expect(e).toMatchObject({ host: 'gw-1', fix: 'start-gateway' });
      expect(e.where).toMatch(/^slack:C0OPS/);
      expect(Date.parse(e.when)).toBeGreaterThan(0);
      expect(e.verdict).toBe('gateway_down');
    }
    expect(audit[0]?.who).toBe(`slack:${REQUESTER}`);
    expect(audit[1]?.who).toBe(`slack:${APPROVER}`);
  });

  it('edits the approval request to who decided, when and the outcome, without its buttons', async () => {
    const { side } = await setUp('gateway_down');
    const { ts, approve } = await requestFix(side, 'Start the gateway');
    await click(side, approve, ts, APPROVER, /Before/);
    const edited = await side.fake.waitFor(
      (c) => c.method === 'chat.update' && c.args.ts === ts && /ran, not fixed/.test(String(c.args.text)),
    );
    expect(String(edited.args.text)).toMatch(
      /asked to run "Start the gateway" on gw-1.*Approved by bob at \d{4}-\d\d-\d\d \d\d:\d\d UTC: ran, not fixed/,
    );
    expect(buttonsOf(edited.args.blocks).size).toBe(0);
    const denied = await requestFix(side, 'Start the gateway');
    await click(side, denied.deny, denied.ts, APPROVER, /denied/);
    const after = await side.fake.waitFor((c) => c.method === 'chat.update' && c.args.ts === denied.ts);
    expect(String(after.args.text)).toMatch(/Denied by bob at .*: nothing ran/);
    expect(buttonsOf(after.args.blocks).size).toBe(0);
  });

  it('offers no Start on a host that cannot start its gateway, and says who can and how', async () => {
    const { h, side } = await setUp('gateway_down', { CLAWOPS_START_COMMAND: '' });
    const verdict = await slash(side, 'diagnose gw-1');
    expect([...verdict.buttons.keys()]).toEqual(['Start the gateway by hand']);
    const byHand = verdict.buttons.get('Start the gateway by hand') as string;
    expect((await click(side, byHand, verdict.ts, REQUESTER, /by hand/)).text).toContain(
      'openclaw gateway run',
    );
    // A Start button left from an earlier verdict gets the same answer, and no approval request.
    const left = await h.chat.actions.put(
      {
        command: 'fix',
        args: { fix: 'start-gateway', host: 'gw-1', verdict: 'gateway_down' },
        createdBy: REQUESTER,
        createdAt: Date.now(),
      },
      60_000,
    );
    const typed = await click(side, left, verdict.ts, REQUESTER, /cannot start/);
    expect(typed.text).toContain('openclaw gateway run');
    expect(typed.text).toMatch(/cannot start a stopped one/);
    expect(typed.buttons.size).toBe(0);
    expect((await h.audit()).map((e) => e.event)).toEqual([]);
    expect(h.executed()).toHaveLength(0);
  });

  it('shows the restart the worker will run: `openclaw gateway restart --json` on an unmanaged host', async () => {
    const { side } = await setUp('env_override');
    const { text } = await requestFix(side, 'Restart the gateway');
    expect(text).toMatch(/will run exactly/);
    expect(text).toMatch(/\$ \S+openclaw\S* gateway restart --json/);
  });

  it('runs one fix for 20 concurrent clicks on one Approve, with one line in the thread', async () => {
    const { h, side } = await setUp('gateway_down');
    const { ts, approve } = await requestFix(side, 'Start the gateway');
    const before = side.fake.calls.length;
    await Promise.all(
      Array.from({ length: 20 }, () => click(side, approve, ts, APPROVER, /Before|already decided|expired/)),
    );
    await side.fake.waitFor((c) => JSON.stringify(c.args.blocks ?? '').includes('Before'), 20_000);
    expect(h.executed()).toHaveLength(1);
    expect((await h.audit()).filter((e) => e.event === 'approved')).toHaveLength(1);
    const since = () => side.fake.calls.slice(before);
    const refusals = () => since().filter((c) => c.method === 'response_url');
    for (let i = 0; i < 250 && refusals().length < 19; i++) await new Promise((r) => setTimeout(r, 20));
    expect(refusals().every((c) => c.args.response_type === 'ephemeral')).toBe(true);
    expect(refusals()).toHaveLength(19);
    const threadPosts = since().filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
    expect(threadPosts).toHaveLength(1);
  });

  it.each([
    ['a non-approver', 'U0MALLORY', /only approvers may approve/],
    ['the requester of a restart', REQUESTER, /needs an approver other than the person who asked/],
  ])('refuses %s, runs nothing, and audits the refusal', async (_, user, said) => {
    const { h, side } = await setUp('gateway_down');
    const { ts, approve } = await requestFix(side, 'Start the gateway');
    const refused = await click(side, approve, ts, user, said);
    expect(refused.text).toMatch(/Nothing ran/);
    expect(refused.ephemeral).toBe(true);
    expect(h.executed()).toHaveLength(0);
    expect((await h.audit()).at(-1)).toMatchObject({ event: 'refused', who: `slack:${user}` });
    // The request is still there for a real approver.
    await click(side, approve, ts, APPROVER, /Before/);
    expect(h.executed()).toHaveLength(1);
  });

  it('refuses a used button and an expired request', async () => {
    const { h, side } = await setUp('gateway_down');
    const { ts, approve, deny } = await requestFix(side, 'Start the gateway');
    await click(side, deny, ts, APPROVER, /denied/);
    const again = await click(side, approve, ts, APPROVER, /already decided|expired/);
    expect(again.text).not.toMatch(/Before/);
    expect(again.ephemeral).toBe(true);
    expect(h.executed()).toHaveLength(0);
    const audit = await h.audit();
    expect(audit.map((e) => e.event)).toEqual(['requested', 'denied', 'refused']);
    expect(audit.at(-1)?.detail).toMatch(/already decided: denied by bob at \d{4}-/);
    expect(audit.at(-1)?.who).toBe(`slack:${APPROVER}`);
  });

  it('keeps the request open when its fix cannot be queued, and audits why', async () => {
    const { h, side } = await setUp('gateway_down');
    const { ts, approve } = await requestFix(side, 'Start the gateway');
    // The host's worker is gone and forgotten: nothing can take the fix.
    await h.worker.close();
    const redis = new Redis(h.config.redisUrl as string);
    cleanups.push(async () => redis.quit());
    const keys = keysFor(h.config.redisPrefix);
    await redis.del(keys.hosts, keys.hostsSeen);
    const refused = await click(side, approve, ts, APPROVER, /unknown host/);
    expect(refused.text).toMatch(/Nothing ran; the request is still open/);
    expect((await h.audit()).at(-1)).toMatchObject({
      event: 'refused',
      detail: expect.stringMatching(/^not queued: unknown host "gw-1"/),
    });
    const abort = new AbortController();
    const worker = await createHostParts(h.config, { signal: abort.signal }).startWorker(
      h.config.redisUrl as string,
    );
    cleanups.push(() => worker.close());
    await click(side, approve, ts, APPROVER, /Before/);
    expect(h.executed()).toHaveLength(1);
    expect((await h.audit()).map((e) => e.event)).toEqual([
      'requested',
      'approved',
      'refused',
      'approved',
      'result',
    ]);
  });

  it('refuses when the verdict no longer calls for the fix (stale state)', async () => {
    const { h, side } = await setUp('healthy');
    // A button left from an earlier gateway_down verdict; the gateway has come back since.
    const stale = await h.chat.actions.put(
      {
        command: 'fix',
        args: { fix: 'restart-gateway', host: 'gw-1', verdict: 'gateway_down' },
        createdBy: REQUESTER,
        createdAt: Date.now(),
      },
      60_000,
    );
    const request = await click(side, stale, '1700000000.000001', REQUESTER, /asks to run/);
    expect(request.buttons.get('Approve')).toBeDefined();
    const result = await click(
      side,
      request.buttons.get('Approve') as string,
      '1700000000.000001',
      APPROVER,
      /no longer calls for/,
    );
    expect(result.text).toMatch(/the verdict is now healthy, which no longer calls for/);
    expect(h.executed()).toHaveLength(0);
    expect((await h.audit()).at(-1)).toMatchObject({ event: 'refused', verdict: 'healthy' });
  });

  it('refuses a restart past the hourly budget', async () => {
    const { h, side } = await setUp('gateway_down', { CLAWOPS_RESTARTS_PER_HOUR: '1' });
    const first = await requestFix(side, 'Start the gateway');
    await click(side, first.approve, first.ts, APPROVER, /Before/);
    const second = await requestFix(side, 'Start the gateway');
    const refused = await click(side, second.approve, second.ts, APPROVER, /restarts in the last hour/);
    expect(refused.text).toMatch(/had 1 restarts in the last hour/);
    expect(h.executed()).toHaveLength(1);
  });

  it('expires an approval after its time', async () => {
    const h = await startFixHarness('gateway_down', {}, {});
    cleanups.push(() => h.stop());
    const side = await startSlackSide({ ...h.chat, fixes: { ...h.chat.fixes, ttlMs: 300 } });
    cleanups.push(() => side.stop());
    const { ts, approve } = await requestFix(side, 'Start the gateway');
    await new Promise((r) => setTimeout(r, 600));
    const late = await click(side, approve, ts, APPROVER, /expired/);
    expect(late.text).toMatch(/expired/);
    expect(late.ephemeral).toBe(true);
    expect(h.executed()).toHaveLength(0);
    expect(memoryFixPolicy().ttlMs).toBe(15 * 60_000);
  });

  it('takes approvers from a Slack user group, and shows them the audit trail', async () => {
    const h = await startFixHarness('gateway_down', {
      CLAWOPS_APPROVERS: '',
      CLAWOPS_APPROVER_GROUPS: 'S0ONCALL',
    });
    cleanups.push(() => h.stop());
    const side = await startSlackSide(h.chat, { S0ONCALL: ['U0CAROL'] });
    cleanups.push(() => side.stop());
    const { ts, approve } = await requestFix(side, 'Start the gateway');
    await click(side, approve, ts, 'U0BOB', /only approvers may approve/);
    await click(side, approve, ts, 'U0CAROL', /Before/);
    expect(h.executed()).toHaveLength(1);
    const form = (user: string) =>
      new URLSearchParams(slashBody(side.fake, 'audit gw-1', { user_id: user })).toString();
    const seen = side.fake.responses.length;
    await postSigned(side.url, form('U0BOB'));
    await postSigned(side.url, form('U0CAROL'));
    for (let i = 0; i < 100 && side.fake.responses.length < seen + 2; i++)
      await new Promise((r) => setTimeout(r, 20));
    const said = side.fake.responses.slice(seen).map((r) => JSON.stringify(r.body));
    expect(said.some((t) => t.includes('the audit trail is for approvers'))).toBe(true);
    const trail = said.find((t) => t.includes('Audit trail')) ?? '';
    for (const event of ['requested', 'refused', 'approved', 'result']) expect(trail).toContain(event);
  });
});
