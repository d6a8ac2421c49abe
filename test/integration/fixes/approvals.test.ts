import { afterEach, describe, expect, it } from 'vitest';
import { memoryFixPolicy } from '../../../src/core/command.js';
import { postSigned, slashBody } from '../../support/fake-slack.js';
import {
  APPROVER,
  click,
  REQUESTER,
  type SlackSide,
  slash,
  startFixHarness,
  startSlackSide,
} from '../../support/fix-harness.js';

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
    ts: verdict.ts,
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

  it('offers no Start on a host that cannot start its gateway, and says who can and how', async () => {
    const { h, side } = await setUp('gateway_down', { CLAWOPS_START_COMMAND: '' });
    const verdict = await slash(side, 'diagnose gw-1');
    expect([...verdict.buttons.keys()]).toEqual(['Start the gateway by hand']);
    const byHand = verdict.buttons.get('Start the gateway by hand') as string;
    expect((await click(side, byHand, verdict.ts, REQUESTER, /by hand/)).text).toContain(
      'openclaw gateway run',
    );
    const typed = await slash(side, 'fix start-gateway gw-1 gateway_down', REQUESTER, /by hand/);
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

  it('runs one fix for 20 concurrent clicks on one Approve', async () => {
    const { h, side } = await setUp('gateway_down');
    const { ts, approve } = await requestFix(side, 'Start the gateway');
    await Promise.all(
      Array.from({ length: 20 }, () => click(side, approve, ts, APPROVER, /Before|already decided|expired/)),
    );
    await side.fake.waitFor((c) => JSON.stringify(c.args.blocks ?? '').includes('Before'), 20_000);
    expect(h.executed()).toHaveLength(1);
    expect((await h.audit()).filter((e) => e.event === 'approved')).toHaveLength(1);
  });

  it.each([
    ['a non-approver', 'U0MALLORY', /only approvers may approve/],
    ['the requester of a restart', REQUESTER, /needs an approver other than the person who asked/],
  ])('refuses %s, runs nothing, and audits the refusal', async (_, user, said) => {
    const { h, side } = await setUp('gateway_down');
    const { ts, approve } = await requestFix(side, 'Start the gateway');
    const refused = await click(side, approve, ts, user, said);
    expect(refused.text).toMatch(/Nothing ran/);
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
    expect(h.executed()).toHaveLength(0);
    expect((await h.audit()).map((e) => e.event)).toEqual(['requested', 'denied']);
  });

  it('refuses when the verdict no longer calls for the fix (stale state)', async () => {
    const { h, side } = await setUp('healthy');
    const verdict = await slash(side, 'fix restart-gateway gw-1 gateway_down');
    expect(verdict?.buttons.get('Approve')).toBeDefined();
    const result = await click(
      side,
      verdict?.buttons.get('Approve') as string,
      verdict?.ts as string,
      APPROVER,
      /not run/,
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
    const refused = await click(side, second.approve, second.ts, APPROVER, /not run/);
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
    await postSigned(side.url, form('U0BOB'));
    await postSigned(side.url, form('U0CAROL'));
    for (let i = 0; i < 100 && side.fake.responses.length < 2; i++)
      await new Promise((r) => setTimeout(r, 20));
    const said = side.fake.responses.map((r) => JSON.stringify(r.body));
    expect(said.some((t) => t.includes('the audit trail is for approvers'))).toBe(true);
    const trail = said.find((t) => t.includes('Audit trail')) ?? '';
    for (const event of ['requested', 'refused', 'approved', 'result']) expect(trail).toContain(event);
  });
});
