import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisActionStore } from '../../../src/queue/redis-action-store.js';
import { dropPrefix, testPrefix, useRedis } from '../../support/redis.js';

let server: { url: string; stop(): Promise<void> };
let redis: Redis;
const prefix = testPrefix();
beforeAll(async () => {
  server = await useRedis();
  redis = new Redis(server.url);
});
afterAll(async () => {
  await dropPrefix(server.url, prefix);
  await redis.quit();
  await server.stop();
});

describe('button actions in Redis', () => {
  it('are taken once, under a short opaque id, and expire', async () => {
    const store = createRedisActionStore(redis, prefix);
    const action = { text: 'fix restart-gateway gw-1', createdBy: 'U1', createdAt: 1 };
    const id = await store.put(action, 60_000);
    expect(id).toMatch(/^[\w-]{22}$/);
    expect(await redis.pttl(`${prefix}:action:${id}`)).toBeGreaterThan(50_000);
    expect(await store.take(id)).toEqual(action);
    expect(await store.take(id)).toBeNull();
    const short = await store.put(action, 50);
    await new Promise((r) => setTimeout(r, 120));
    expect(await store.take(short)).toBeNull();
  });
});
