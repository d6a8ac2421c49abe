import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../../src/core/audit.js';
import type { CommandCall } from '../../../src/core/command-input.js';
import { keysFor } from '../../../src/queue/keys.js';
import { createRedisActionStore } from '../../../src/queue/redis-action-store.js';
import { createRedisAuditLog } from '../../../src/queue/redis-approvals.js';
import {
  clickPayload,
  type FakeSlack,
  postSigned,
  type SlackCall,
  slashBody,
  startFakeSlack,
} from '../../support/fake-slack.js';
import { buttonsOf, tsOf } from '../../support/fix-harness.js';
import { dropPrefix, freePort, testPrefix, useRedis } from '../../support/redis.js';
import { prepareScenario, type Scenario } from '../../support/scenario.js';
import { until } from '../../support/until.js';
import { slackBotEnv, spawnBot, spawnWorker, type WorkerProcess } from '../../support/workers.js';

// A bot killed mid-request is noticed once its liveness key lapses (CLAWOPS_BOT_ALIVE_MS, 10 s by
// default, 2 s here), then its request adopted: the slow command outlasts that and a new bot's start.
vi.setConfig({ testTimeout: 90_000 });
const ALIVE_MS = 2_000;
const SLOW_MS = 8_000;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

/** A worker on gw-7 replaying `capture` with one slow command, a fake Slack, and a way to start bots. */
async function setUp(capture: string, slowOnce: string) {
  const redis = await useRedis();
  cleanups.push(() => redis.stop());
  const prefix = testPrefix();
  cleanups.push(() => dropPrefix(redis.url, prefix));
  const fake: FakeSlack = await startFakeSlack();
  cleanups.push(() => fake.stop());
  const scenario: Scenario = await prepareScenario(capture, { env: { FAKE_OPENCLAW_SLOW_ONCE: slowOnce } });
  cleanups.push(() => scenario.stop());
  const common = { REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix };
  // No cooldown watcher: its start-up `models status` would take the slow answer meant for a diagnosis.
  const worker = await spawnWorker({
    ...scenario.env,
    ...common,
    CLAWOPS_HOST: 'gw-7',
    CLAWOPS_GATEWAY_LOG: 'off',
    // A host without a service manager starts its gateway with the command it is given.
    CLAWOPS_START_COMMAND: `${scenario.env.OPENCLAW_BIN} gateway restart --json`,
  });
  cleanups.push(() => worker.stop());
  const bot = async (): Promise<{ process: WorkerProcess; url: string }> => {
    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '',
      ...common,
      ...slackBotEnv(fake, port),
      CLAWOPS_APPROVERS: 'U0BOB',
      CLAWOPS_BOT_ALIVE_MS: String(ALIVE_MS),
    };
    const p = await spawnBot(env, ['Slack']);
    cleanups.push(async () => {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await p.exited;
    });
    return { process: p, url: `http://127.0.0.1:${port}/slack/events` };
  };
  const client = new Redis(redis.url);
  cleanups.push(async () => client.quit());
  const audit = async (): Promise<AuditEntry[]> =>
    (await createRedisAuditLog(client, keysFor(prefix)).recent(null, 100)).reverse();
  /** A button left on an earlier message that runs `call` (a fix runs only behind a button). */
  const button = (call: CommandCall) =>
    createRedisActionStore(client, prefix).put(
      { ...call, createdBy: 'U0ALICE', createdAt: Date.now() },
      60_000,
    );
  return { fake, scenario, bot, audit, button };
}

/** The ts the fake Slack gave a posted message: it numbers posts in order. */
describe('a bot killed mid-request', () => {
  it('is replaced by a bot that posts the verdict in place of "diagnosing…"', async () => {
    const { fake, scenario, bot } = await setUp('missing_auth', `models status --json=${SLOW_MS}`);
    const first = await bot();
    await postSigned(first.url, new URLSearchParams(slashBody(fake, 'diagnose gw-7')).toString());
    const progress = await fake.waitFor((c) => c.method === 'chat.postMessage');
    await until(() => scenario.calls().some((c) => c.args.join(' ') === 'models status --json'), 30_000);
    first.process.child.kill('SIGKILL');
    await first.process.exited;
    await bot();
    const ts = tsOf(progress);
    const isVerdict = (c: SlackCall) =>
      c.method === 'chat.update' &&
      c.args.ts === ts &&
      JSON.stringify(c.args.blocks).includes('gw-7: missing_auth');
    await fake.waitFor(isVerdict, 60_000);
    expect(JSON.stringify(fake.calls.find(isVerdict)?.args.blocks)).toMatch(/openclaw-config/);
    expect(fake.calls.filter(isVerdict)).toHaveLength(1);
  });

  it('is replaced by a bot that posts and audits the result of the fix it had queued', async () => {
    const { fake, scenario, bot, audit, button } = await setUp('gateway_down', `gateway restart=${SLOW_MS}`);
    const first = await bot();
    const start = await button({
      command: 'fix',
      args: { fix: 'start-gateway', host: 'gw-7', verdict: 'gateway_down' },
    });
    await postSigned(
      first.url,
      new URLSearchParams({
        payload: JSON.stringify(clickPayload(fake, start, '1700000000.000900', 'U0ALICE')),
      }).toString(),
    );
    const request = await fake.waitFor(
      (c) => c.method === 'chat.postMessage' && buttonsOf(c.args.blocks).has('Approve'),
    );
    const requestTs = tsOf(request);
    const payload = JSON.stringify(
      clickPayload(fake, buttonsOf(request.args.blocks).get('Approve') as string, requestTs),
    );
    await postSigned(first.url, new URLSearchParams({ payload }).toString());
    await until(() => scenario.calls().some((c) => c.args.join(' ') === 'gateway restart --json'), 30_000);
    first.process.child.kill('SIGKILL');
    await first.process.exited;
    await bot();
    const result = await fake.waitFor(
      (c) =>
        (c.method === 'chat.update' || c.args.thread_ts === requestTs) &&
        /ran, not fixed — Start the gateway on gw-7/.test(JSON.stringify(c.args.blocks)),
      60_000,
    );
    // In the request's thread: in place of the approver's "running…" message when it was posted
    // before the bot died, else as a message of its own.
    const running = fake.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts === requestTs);
    if (result.method === 'chat.update') expect(result.args.ts).toBe(running && tsOf(running));
    await fake.waitFor(
      (c) =>
        c.method === 'chat.update' &&
        c.args.ts === requestTs &&
        /Approved by bob .*: ran, not fixed/.test(String(c.args.text)),
    );
    const events = (await audit()).map((e) => [e.event, e.who]);
    expect(events).toEqual([
      ['requested', 'slack:U0ALICE'],
      ['approved', 'slack:U0BOB'],
      ['result', 'slack:U0BOB'],
    ]);
    expect(scenario.calls().filter((c) => c.args.join(' ') === 'gateway restart --json')).toHaveLength(1);
  });
});
