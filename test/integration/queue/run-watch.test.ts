import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { RunWatch } from '../../../src/queue/run-watch.js';
import { dropPrefix, testPrefix, useRedis } from '../../support/redis.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

/** A watch on a real queue, for a run nobody has queued. */
async function watchOf(runId: string) {
  const redis = await useRedis();
  cleanups.push(() => redis.stop());
  const prefix = testPrefix();
  cleanups.push(() => dropPrefix(redis.url, prefix));
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  cleanups.push(async () => connection.quit());
  const queue = new Queue('diagnose.gw-a', { connection, prefix });
  cleanups.push(() => queue.close());
  let ended = 0;
  const watch = new RunWatch<string>({
    runId,
    host: 'gw-a',
    queue,
    limits: { pickupTimeoutMs: 30_000, runTimeoutMs: 60_000, pollMs: 20 },
    onEnd: () => {
      ended++;
    },
    parse: (v) => (typeof v === 'string' ? v : null),
    isSilent: async () => null,
    what: 'diagnosis',
  });
  cleanups.push(async () => watch.abandon(new Error('test over')));
  return { watch, ended: () => ended };
}

describe('the watch of a run', () => {
  it('gives its result to a waiter that comes after it ended (a starter still queueing)', async () => {
    const { watch, ended } = await watchOf('run-early');
    // The completed event, before the starter got round to waiting.
    watch.completed('the verdict');
    expect(ended()).toBe(1);
    await expect(watch.wait()).resolves.toBe('the verdict');
    await expect(watch.wait()).resolves.toBe('the verdict');
  });

  it('does not call a run lost while nobody waits for it yet, however long the polls find no job', async () => {
    const { watch } = await watchOf('run-slow-starter');
    // Polls every 20 ms for longer than a joiner's grace, as a starter slowed by a busy bot sees.
    await new Promise((r) => setTimeout(r, 5_200));
    watch.completed('queued late, answered');
    await expect(watch.wait()).resolves.toBe('queued late, answered');
  });
});
