import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { type DispatchDeps, dispatchAction } from '../../../src/core/dispatch.js';
import { createRegistry } from '../../../src/core/registry.js';
import { createBullTransport } from '../../../src/queue/bull-transport.js';
import { createRedisActionStore } from '../../../src/queue/redis-action-store.js';
import { memoryFixPolicy } from '../../support/fix-policy.js';
import { dropPrefix, testPrefix, useRedis } from '../../support/redis.js';
import { probeRuns, startHost, stopHosts } from '../../support/workers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

describe('a reusable button', () => {
  it("runs a fresh diagnosis on every click, not the first click's answer again", async () => {
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(redis.url, prefix));
    const host = await startHost(redis.url, prefix, 'gw-a', 'healthy');
    cleanups.push(() => stopHosts([host]));
    const transport = createBullTransport({ redisUrl: redis.url, prefix, pollMs: 250 });
    cleanups.push(() => transport.close());
    const client = new Redis(redis.url);
    cleanups.push(async () => client.quit());
    const actions = createRedisActionStore(client, prefix);
    const deps: DispatchDeps = {
      registry: createRegistry(commands),
      transport,
      actions,
      fixes: memoryFixPolicy(),
      access: { channels: [], users: [] },
    };
    // As an alert's "Diagnose gw-a" button is stored: clickable again and again.
    const actionId = await actions.put(
      {
        command: 'diagnose',
        args: { host: 'gw-a' },
        createdBy: 'clawops-alert',
        createdAt: Date.now(),
        reusable: true,
      },
      60_000,
    );
    const click = (requestId: string, id = actionId) =>
      dispatchAction(
        {
          platform: 'slack',
          requestId,
          actionId: id,
          user: { id: 'U1' },
          channel: { id: 'C1' },
          replyTo: 'slack:C1',
        },
        deps,
      );
    expect((await click('slack-click-1')).text).toMatch(/gw-a: healthy/);
    expect((await click('slack-click-2')).text).toMatch(/gw-a: healthy/);
    expect(probeRuns(host)).toBe(2);
    // An alert button a bot stored before buttons held a command and its arguments: the text
    // it kept runs as typed, so a bot upgraded with alerts outstanding still answers them.
    const old = 'o'.repeat(22);
    const text = { text: 'diagnose gw-a', createdBy: 'clawops-alert', createdAt: Date.now(), reusable: true };
    await client.set(`${prefix}:action:${old}`, JSON.stringify(text), 'PX', 60_000);
    expect((await click('slack-click-3', old)).text).toMatch(/gw-a: healthy/);
    expect(probeRuns(host)).toBe(3);
  });
});
