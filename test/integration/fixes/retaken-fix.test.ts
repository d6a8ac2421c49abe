import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBullTransport } from '../../../src/queue/bull-transport.js';
import { keysFor } from '../../../src/queue/keys.js';
import { dropPrefix, testPrefix, useRedis } from '../../support/redis.js';
import { prepareScenario } from '../../support/scenario.js';
import { spawnWorker, type WorkerProcess } from '../../support/workers.js';

vi.setConfig({ testTimeout: 90_000 });

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

describe('a fix job whose worker dies while its command runs', () => {
  it('is retaken without running the command again or spending a second restart, and says it started', async () => {
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(redis.url, prefix));
    // The restart outlives the worker that started it.
    const scenario = await prepareScenario('gateway_down', {
      env: { FAKE_OPENCLAW_SLOW_ONCE: 'gateway restart=20000' },
    });
    cleanups.push(() => scenario.stop());
    const worker = async (): Promise<WorkerProcess> => {
      const w = await spawnWorker({
        ...scenario.env,
        REDIS_URL: redis.url,
        CLAWOPS_REDIS_PREFIX: prefix,
        CLAWOPS_HOST: 'gw-a',
        CLAWOPS_WORKER_LOCK_MS: '2000',
        // A host without a service manager starts its gateway with the command it is given.
        CLAWOPS_START_COMMAND: `${scenario.env.OPENCLAW_BIN} gateway restart --json`,
      });
      cleanups.push(async () => {
        if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
        await w.exited;
      });
      return w;
    };
    const restarts = () => scenario.calls().filter((c) => c.args.join(' ') === 'gateway restart --json');
    const first = await worker();
    const transport = createBullTransport({ redisUrl: redis.url, prefix, pollMs: 250 });
    cleanups.push(() => transport.close());
    const result = transport.requestFix({
      kind: 'fix',
      requestId: 'apv-retaken-1',
      host: 'gw-a',
      fix: 'start-gateway',
      replyTo: 'console',
      requestedBy: 'U0ALICE',
      approvedBy: 'U0BOB',
    });
    for (let i = 0; i < 200 && restarts().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(restarts()).toHaveLength(1);
    first.child.kill('SIGKILL');
    await first.exited;
    await worker();
    const answer = await result;
    expect(answer.outcome).not.toBe('refused');
    expect(answer.reason).toMatch(/`\S+ gateway restart --json` started at .* clawops does not run it twice/);
    expect(answer.before.verdict.label).toBe('gateway_down');
    expect(answer.after?.verdict.label).toBe('gateway_down');
    expect(restarts()).toHaveLength(1);
    const client = new Redis(redis.url);
    cleanups.push(async () => client.quit());
    expect(await client.zcard(keysFor(prefix).restarts('gw-a'))).toBe(1);
  });
});
