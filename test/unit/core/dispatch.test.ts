import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { createMemoryActionStore, type StoredAction } from '../../../src/core/action-store.js';
import type { Invocation } from '../../../src/core/command.js';
import { type DispatchDeps, dispatch, dispatchAction, MAX_TEXT } from '../../../src/core/dispatch.js';
import type { Message } from '../../../src/core/message.js';
import { createRegistry } from '../../../src/core/registry.js';
import { createMemoryTransport } from '../../../src/worker/memory-transport.js';
import { diagnosisFor } from '../../support/diagnoses.js';
import { memoryFixPolicy } from '../../support/fix-policy.js';

function deps(over: Partial<DispatchDeps> = {}) {
  let runs = 0;
  const agents: (string | undefined)[] = [];
  const requests: string[] = [];
  const transport = createMemoryTransport({
    host: 'gw-1',
    clawopsVersion: 'test',
    runner: async (job, { onProgress }) => {
      runs++;
      agents.push(job.agent);
      requests.push(job.requestId);
      onProgress({ probe: 'models-status', state: 'done', ok: true, durationMs: 5 });
      return diagnosisFor('invalid_key');
    },
  });
  const d: DispatchDeps = {
    registry: createRegistry(commands),
    transport,
    actions: createMemoryActionStore(),
    fixes: memoryFixPolicy(),
    access: { channels: [], users: [] },
    ...over,
  };
  return { deps: d, runs: () => runs, agents: () => agents, requests: () => requests };
}

const inv = (text: string, over: Partial<Invocation> = {}): Invocation => ({
  platform: 'slack',
  requestId: `r-${Math.random()}`,
  input: { text },
  user: { id: 'U1' },
  channel: { id: 'C1' },
  replyTo: 'slack:C1',
  ...over,
});

const all = (m: Message) => JSON.stringify(m.blocks);
const buttonIds = (m: Message) =>
  m.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.actionId) : []));

describe('dispatch', () => {
  it('diagnoses the only live host when none is named, with progress and one button per fix', async () => {
    const { deps: d, runs } = deps();
    const progress: string[] = [];
    const m = await dispatch(inv('diagnose'), d, (p) => progress.push(p.text));
    expect(all(m)).toContain('gw-1: invalid_key');
    expect(buttonIds(m)).toHaveLength(2);
    expect(progress[0]).toMatch(/diagnosing gw-1/);
    expect(progress.at(-1)).toMatch(/✓ models-status/);
    expect(runs()).toBe(1);
  });

  it.each([
    ['an unknown command', 'deploy prod', /unknown command "deploy"/],
    [
      'too many arguments',
      'diagnose gw-1 work x',
      /too many arguments. Usage: \/claw diagnose \[host\] \[agent\]/,
    ],
    ['a bad host name', 'diagnose gw;rm', /"gw;rm" is not a host name/],
    ['a bad agent id', 'diagnose gw-1 wo;rk', /"wo;rk" is not an agent id/],
    ['an empty explain', 'explain', /paste the error after the command/],
    ['oversized text', `explain ${'x'.repeat(MAX_TEXT)}`, /takes at most 4000/],
  ])('answers %s to the requester only, and runs nothing', async (_, text, said) => {
    const { deps: d, runs } = deps();
    const m = await dispatch(inv(text), d);
    expect(m.visibility).toBe('requester');
    expect(m.text).toMatch(said);
    expect(runs()).toBe(0);
  });

  it('diagnoses one agent when named after the host, in a run of its own', async () => {
    const { deps: d, runs, agents } = deps();
    await Promise.all([dispatch(inv('diagnose gw-1 work'), d), dispatch(inv('diagnose gw-1'), d)]);
    expect(runs()).toBe(2);
    expect(agents().sort()).toEqual(['work', undefined]);
  });

  it.each([
    ['channel', { channels: ['C9'], users: [] }, /not enabled in this channel/],
    ['user', { channels: [], users: ['U9'] }, /not on the list of people/],
  ])('refuses a %s that is not allowed', async (_, access, said) => {
    const { deps: d, runs } = deps({ access });
    const m = await dispatch(inv('diagnose gw-1'), d);
    expect(m.text).toMatch(said);
    expect(runs()).toBe(0);
  });

  it('runs a button once: the second click of the same id is refused', async () => {
    const { deps: d } = deps();
    const [id] = buttonIds(await dispatch(inv('diagnose'), d));
    const click = {
      platform: 'slack' as const,
      requestId: 'c1',
      user: { id: 'U2' },
      channel: { id: 'C1' },
      replyTo: 'x',
      actionId: id as string,
    };
    expect(all(await dispatchAction(click, d))).toMatch(/paste-api-key/);
    expect((await dispatchAction(click, d)).text).toMatch(/expired or was already used/);
    expect((await dispatchAction({ ...click, actionId: '../../etc' }, d)).text).toMatch(/expired/);
  });

  it('classifies pasted text without touching a host', async () => {
    const { deps: d, runs } = deps();
    const m = await dispatch(inv('explain Error: 429 {"type":"rate_limit_error"}'), d);
    expect(m.text).toMatch(/^rate_limited/);
    expect(runs()).toBe(0);
  });

  it('heads a guess of the learned model as a guess, with how to confirm it', async () => {
    const { deps: d } = deps();
    const m = await dispatch(
      inv('explain the token in openclaw.json for the control ui is not what the browser sends'),
      d,
    );
    expect(m.text).toMatch(/^likely gateway_client_auth, a guess/);
    const [header, body] = m.blocks ?? [];
    expect(header).toMatchObject({
      type: 'header',
      text: expect.stringMatching(/^🤔 likely gateway_client_auth/),
    });
    expect(body).toMatchObject({ text: expect.stringContaining('text-model/gateway_client_auth') });
    expect(body).toMatchObject({ text: expect.stringContaining('clawops diagnose') });
    const ruled = await dispatch(inv('explain Error: 429 {"type":"rate_limit_error"}'), d);
    expect(ruled.blocks?.[0]).toMatchObject({ text: expect.stringMatching(/^🔎 rate_limited/) });
  });

  it('turns a bug into a reference, not a stack trace, and reports it', async () => {
    const errors: unknown[] = [];
    const { deps: d } = deps({ logError: (err) => errors.push(err) });
    const broken = {
      ...d,
      transport: { ...d.transport, listHosts: async () => Promise.reject(new TypeError('boom')) },
    };
    const m = await dispatch(inv('hosts', { requestId: 'req-42' }), broken);
    expect(m.text).toMatch(/something went wrong; reference req-42/);
    expect(m.text).not.toMatch(/boom/);
    expect(errors).toHaveLength(1);
  });
});

describe('commands behind buttons and private answers', () => {
  it('refuses a typed fix with a made-up verdict, and runs the one a diagnosis offered', async () => {
    const approvals: unknown[] = [];
    const fixes = memoryFixPolicy();
    const { deps: d } = deps({
      fixes: {
        ...fixes,
        approvals: {
          ...fixes.approvals,
          create: async (a, ttl) => {
            approvals.push(a);
            return fixes.approvals.create(a, ttl);
          },
        },
      },
    });
    const typed = await dispatch(inv('fix restart-gateway gw-1 "nobody-diagnosed-this"'), d);
    expect(typed.text).toMatch(/unknown command "fix"/);
    expect(typed.visibility).toBe('requester');
    expect(approvals).toHaveLength(0);

    const verdict = await dispatch(inv('diagnose gw-1'), d);
    const [id] = buttonIds(verdict);
    const clicked = await dispatchAction({ ...inv(''), actionId: id as string }, d);
    expect(clicked.text).not.toMatch(/unknown command/);
  });

  it('answers explain to the requester only, unless they ask to share it', async () => {
    const { deps: d } = deps();
    const quiet = await dispatch(inv('explain Error: 429 {"type":"rate_limit_error"}'), d);
    expect(quiet.visibility).toBe('requester');
    for (const share of ['share', '--share']) {
      const shared = await dispatch(inv(`explain ${share} Error: 429 {"type":"rate_limit_error"}`), d);
      expect(shared.visibility).toBe('channel');
      expect(shared.text).toMatch(/^rate_limited/);
    }
  });
});

describe('typed arguments and stored buttons', () => {
  const click = (actionId: string, requestId: string) => ({
    platform: 'discord' as const,
    requestId,
    user: { id: 'U2' },
    channel: { id: 'C1' },
    replyTo: 'discord:C1',
    actionId,
  });

  it('takes options by name, as Discord hands them: an agent alone is not taken for a host', async () => {
    const { deps: d, agents } = deps();
    const m = await dispatch(inv('', { input: { command: 'diagnose', args: { agent: 'work' } } }), d);
    expect(all(m)).toContain('gw-1: invalid_key');
    expect(agents()).toEqual(['work']);
  });

  it('refuses a bad option by name with the usage, to the requester only', async () => {
    const { deps: d, runs } = deps();
    const m = await dispatch(inv('', { input: { command: 'diagnose', args: { host: 'gw;rm' } } }), d);
    expect(m.visibility).toBe('requester');
    expect(m.text).toMatch(/"gw;rm" is not a host name. Usage: \/claw diagnose \[host\] \[agent\]/);
    expect(runs()).toBe(0);
  });

  it('stores a command and its arguments behind each button, not /claw text', async () => {
    const { deps: d } = deps();
    const stored: StoredAction[] = [];
    const actions = createMemoryActionStore();
    const put = (a: StoredAction, ttl: number) => {
      stored.push(a);
      return actions.put(a, ttl);
    };
    await dispatch(inv('diagnose gw-1'), { ...d, actions: { ...actions, put } });
    const offered = diagnosisFor('invalid_key').findings[0]?.fixes ?? [];
    expect(offered.length).toBeGreaterThan(0);
    expect(stored.map(({ command, args }) => ({ command, args }))).toEqual(
      offered.map((fix) => ({ command: 'fix', args: { fix, host: 'gw-1', verdict: 'invalid_key' } })),
    );
    for (const a of stored) expect(a).not.toHaveProperty('text');
  });

  it("runs each click of a reusable button as its own request, under the click's id", async () => {
    const { deps: d, requests } = deps();
    const id = await d.actions.put(
      {
        command: 'diagnose',
        args: { host: 'gw-1' },
        createdBy: 'clawops-alert',
        createdAt: Date.now(),
        reusable: true,
      },
      60_000,
    );
    for (const requestId of ['discord-click-1', 'discord-click-2'])
      expect(all(await dispatchAction(click(id, requestId), d))).toContain('gw-1: invalid_key');
    expect(requests()).toEqual(['discord-click-1', 'discord-click-2']);
  });

  it("checks a stored button's arguments again when it is clicked", async () => {
    const { deps: d, runs } = deps();
    const id = await d.actions.put(
      { command: 'diagnose', args: { host: 'gw;1' }, createdBy: 'U1', createdAt: Date.now() },
      60_000,
    );
    const m = await dispatchAction(click(id, 'discord-click-3'), d);
    expect(m.visibility).toBe('requester');
    expect(m.text).toMatch(/is not a host name. Usage/);
    expect(runs()).toBe(0);
  });
});
