import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { PendingAnswer } from '../../../src/core/pending.js';
import { keysFor } from '../../../src/queue/keys.js';
import { createRedisPendingStore } from '../../../src/queue/redis-pending.js';
import { dropPrefix, testPrefix, useRedis } from '../../support/redis.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

const request = (requestId: string, replyTo = 'slack:C1'): PendingAnswer => ({
  kind: 'diagnose',
  requestId,
  host: 'gw-1',
  runId: `run-${requestId}`,
  replyTo,
  requestedBy: 'U1',
  createdAt: Date.now(),
});

describe('pending requests in Redis', () => {
  it('are adopted by one bot once their bot is gone, never while it lives, and only by a bot of their platform', async () => {
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(redis.url, prefix));
    const client = new Redis(redis.url);
    cleanups.push(async () => client.quit());
    const keys = keysFor(prefix);
    const store = () => {
      const s = createRedisPendingStore(client, keys);
      cleanups.push(() => s.close());
      return s;
    };
    const [dying, other] = [store(), store()];
    await dying.track(request('r-1'));
    await dying.placed('r-1', '1700000000.000001');
    await dying.track(request('r-2', 'discord:42'));
    const slackOnly = (p: PendingAnswer) => p.replyTo.startsWith('slack:');
    expect(await other.adoptOrphans(slackOnly)).toEqual([]);
    // The bot goes: its liveness key is gone at once (a killed bot's lapses after 10 s).
    await dying.close();
    const [a, b] = [other, store()];
    const adopted = await Promise.all([a.adoptOrphans(slackOnly), b.adoptOrphans(slackOnly)]);
    expect(adopted.flat().map((p) => [p.requestId, p.messageId])).toEqual([['r-1', '1700000000.000001']]);
    // Answered: forgotten. The Discord request waits for a bot that runs Discord.
    const winner = adopted[0]?.length ? a : b;
    await winner.done('r-1');
    expect(Object.keys(await client.hgetall(keys.pending))).toEqual(['r-2']);
  });
});
