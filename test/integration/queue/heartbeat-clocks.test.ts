import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { createBullTransport } from '../../../src/queue/bull-transport.js';
import { startBullWorker } from '../../../src/queue/bull-worker.js';
import { keysFor } from '../../../src/queue/keys.js';
import { diagnosisFor } from '../../support/diagnoses.js';
import { dropPrefix, testPrefix, useRedis } from '../../support/redis.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

const SKEW_MS = 25_000;

describe('worker liveness across hosts whose clocks disagree', () => {
  it('keeps a live worker live and lets a dead one go silent, with 25 s of skew either way', async () => {
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(redis.url, prefix));
    const worker = (host: string, skewMs: number) =>
      startBullWorker({
        redisUrl: redis.url,
        prefix,
        host,
        runner: async () => diagnosisFor('healthy'),
        clawopsVersion: 'test',
        lockMs: 30_000,
        stopGraceMs: 1_000,
        heartbeatMs: 200,
        now: () => Date.now() + skewMs,
        log: createLogger('silent'),
      });
    const slow = await worker('gw-slow', -SKEW_MS);
    cleanups.push(() => slow.close());
    const fast = await worker('gw-fast', SKEW_MS);
    const transport = createBullTransport({ redisUrl: redis.url, prefix, silentAfterMs: 2_000 });
    cleanups.push(() => transport.close());
    const states = async () =>
      Object.fromEntries((await transport.listHosts()).map((h) => [h.host, h.state]));
    expect(await states()).toEqual({ 'gw-fast': 'live', 'gw-slow': 'live' });
    await fast.close();
    // The dead worker's last heartbeat claims to come from 25 s in the future; it still ages.
    for (let i = 0; i < 50 && (await states())['gw-fast'] === 'live'; i++)
      await new Promise((r) => setTimeout(r, 200));
    expect(await states()).toEqual({ 'gw-fast': 'silent', 'gw-slow': 'live' });
    const [seen] = (await transport.listHosts()).filter((h) => h.host === 'gw-slow');
    expect(Math.abs(Date.now() - (seen?.lastSeen ?? 0))).toBeLessThan(SKEW_MS / 2);
  });

  it('says hello again at the next beat when Redis has lost its heartbeat', async () => {
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(redis.url, prefix));
    const w = await startBullWorker({
      redisUrl: redis.url,
      prefix,
      host: 'gw-a',
      runner: async () => diagnosisFor('healthy'),
      clawopsVersion: 'test',
      lockMs: 30_000,
      stopGraceMs: 1_000,
      heartbeatMs: 200,
      log: createLogger('silent'),
    });
    cleanups.push(() => w.close());
    const transport = createBullTransport({ redisUrl: redis.url, prefix, silentAfterMs: 2_000 });
    cleanups.push(() => transport.close());
    const client = new Redis(redis.url);
    cleanups.push(async () => client.quit());
    const hosts = async () => (await transport.listHosts()).map((h) => `${h.host} ${h.state}`);
    expect(await hosts()).toEqual(['gw-a live']);
    // As a Redis restarted without its data would have it.
    const keys = keysFor(prefix);
    await client.del(keys.hosts, keys.hostsSeen);
    expect(await hosts()).toEqual([]);
    for (let i = 0; i < 20 && (await hosts()).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await hosts()).toEqual(['gw-a live']);
    const [beat] = await transport.listHosts();
    expect(beat?.clawopsVersion).toBe('test');
    expect(Math.abs(Date.now() - (beat?.lastSeen ?? 0))).toBeLessThan(1_000);
  });
});
