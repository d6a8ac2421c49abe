import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBullTransport } from '../../../src/queue/bull-transport.js';
import { keysFor } from '../../../src/queue/keys.js';
import { dropPrefix, testPrefix, useRedis } from '../../support/redis.js';
import { until } from '../../support/until.js';
import { startHost, stopHosts, type TestHost } from '../../support/workers.js';

let redis: { url: string; stop(): Promise<void> };
let prefix = '';
let hosts: TestHost[] = [];
const closing: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  redis = await useRedis();
});
afterAll(async () => redis.stop());
afterEach(async () => {
  for (const c of closing.splice(0)) await c.close();
  await stopHosts(hosts);
  hosts = [];
  await dropPrefix(redis.url, prefix);
});

describe('a bot that follows a run another bot queued', () => {
  it("frees the agent's run claim when the run ends, so the next request starts a fresh run", async () => {
    prefix = testPrefix();
    // Replayed at a fifth of the captured commands' pace: the run lasts long enough to change bots.
    hosts = [await startHost(redis.url, prefix, 'gw-a', 'healthy', { speed: 0.2 })];
    const r = new Redis(redis.url);
    closing.push({ close: async () => void r.disconnect() });
    const claim = keysFor(prefix).run('gw-a@main');

    const first = createBullTransport({ redisUrl: redis.url, prefix });
    const asked = first
      .requestDiagnosis({
        kind: 'diagnose',
        requestId: 'r-1',
        host: 'gw-a',
        agent: 'main',
        replyTo: 'console',
        requestedBy: 'tester',
      })
      .catch(() => null);
    const runId = await until(() => r.get(claim), 10_000);
    await first.close();
    await asked;
    // A bot killed with the run in flight frees nothing: its claim stays behind.
    await r.set(claim, runId, 'PX', 60_000);

    const second = createBullTransport({ redisUrl: redis.url, prefix });
    closing.push(second);
    const d = await second.follow('diagnose', 'gw-a', runId);
    expect(d).toMatchObject({ host: 'gw-a' });
    expect(await r.get(claim)).toBeNull();
  });
});
