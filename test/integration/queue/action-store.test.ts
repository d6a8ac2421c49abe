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
    const action = {
      command: 'fix',
      args: { fix: 'restart-gateway', host: 'gw-1', verdict: 'gateway_down' },
      createdBy: 'U1',
      createdAt: 1,
    };
    const id = await store.put(action, 60_000);
    expect(id).toMatch(/^[\w-]{22}$/);
    expect(await redis.pttl(`${prefix}:action:${id}`)).toBeGreaterThan(50_000);
    expect(await store.take(id)).toEqual(action);
    expect(await store.take(id)).toBeNull();
    const short = await store.put(action, 50);
    await new Promise((r) => setTimeout(r, 120));
    expect(await store.take(short)).toBeNull();
  });

  it('keep a reusable command and its arguments across clicks, as stored', async () => {
    const store = createRedisActionStore(redis, prefix);
    const action = {
      command: 'approve',
      args: { approval: 'a1b2' },
      createdBy: 'U1',
      createdAt: 2,
      reusable: true,
    };
    const id = await store.put(action, 60_000);
    expect(await store.take(id)).toEqual(action);
    expect(await store.take(id)).toEqual(action);
  });

  it('still read a button stored by an older bot as /claw text, and refuse what is neither', async () => {
    const store = createRedisActionStore(redis, prefix);
    const old = { text: 'diagnose gw-1', createdBy: 'clawops-alert', createdAt: 3, reusable: true };
    await redis.set(`${prefix}:action:${'o'.repeat(22)}`, JSON.stringify(old), 'PX', 60_000);
    expect(await store.take('o'.repeat(22))).toEqual(old);
    for (const [n, raw] of [
      ['x', '{"command":"fix","args":{"host":7}}'],
      ['y', '{"command":"fix","args":["gw-1"]}'],
      ['z', 'not json'],
    ] as const) {
      await redis.set(`${prefix}:action:${n.repeat(22)}`, raw, 'PX', 60_000);
      expect(await store.take(n.repeat(22))).toBeNull();
    }
  });
});
