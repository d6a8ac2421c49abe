import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunProgress } from '../../../src/core/job.js';
import type { DiagnosisTransport, RunResult } from '../../../src/core/transport.js';
import { createBullTransport } from '../../../src/queue/bull-transport.js';
import { keysFor, queueName } from '../../../src/queue/keys.js';
import { dropPrefix, type RedisServer, startRedisServer, testPrefix, useRedis } from '../../support/redis.js';
import { prepareScenario, type Scenario } from '../../support/scenario.js';
import { jobsOf, spawnWorker, startHost, stopHosts, type TestHost } from '../../support/workers.js';

// Real worker processes replaying real command durations: a loaded 2-core host needs the room.
vi.setConfig({ testTimeout: 90_000 });

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

const request = (requestId: string, host = 'gw-a') => ({
  kind: 'diagnose' as const,
  requestId,
  host,
  replyTo: 'console',
  requestedBy: 'tester',
});

async function redisFor(own = false): Promise<{ url: string; server?: RedisServer }> {
  if (own) {
    const server = await startRedisServer();
    cleanups.push(() => server.stop());
    return { url: server.url, server };
  }
  const r = await useRedis();
  cleanups.push(() => r.stop());
  return { url: r.url };
}

function transportFor(
  url: string,
  prefix: string,
  limits: { pickupTimeoutMs?: number } = {},
): DiagnosisTransport {
  const t = createBullTransport({ redisUrl: url, prefix, pollMs: 250, ...limits });
  cleanups.push(() => t.close());
  return t;
}

async function scenario(name: string, speed: number): Promise<Scenario> {
  const s = await prepareScenario(name, { speed });
  cleanups.push(() => s.stop());
  return s;
}

async function worker(s: Scenario, url: string, prefix: string, env: Record<string, string> = {}) {
  const w = await spawnWorker({
    ...s.env,
    REDIS_URL: url,
    CLAWOPS_REDIS_PREFIX: prefix,
    CLAWOPS_HOST: 'gw-a',
    CLAWOPS_WORKER_LOCK_MS: '2000',
    ...env,
  });
  cleanups.push(async () => {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await w.exited;
  });
  return w;
}

/** Requests a diagnosis and resolves `started` as soon as the worker reports its first probe. */
function requestWatching(t: DiagnosisTransport, id: string) {
  let onStart: () => void = () => {};
  const started = new Promise<void>((r) => (onStart = r));
  const result = t.requestDiagnosis(request(id), { onProgress: (_p: RunProgress) => onStart() });
  return { started, result };
}

describe('a worker that dies or stops mid-job', () => {
  it('answers after recovery when the worker is killed with SIGKILL', async () => {
    const { url } = await redisFor();
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(url, prefix));
    const s = await scenario('invalid_key_401', 1);
    const first = await worker(s, url, prefix);
    const t = transportFor(url, prefix);
    const { started, result } = requestWatching(t, 'kill-1');
    await started;
    first.child.kill('SIGKILL');
    await first.exited;
    await worker(s, url, prefix, { FAKE_OPENCLAW_SPEED: '0' });
    const answer: RunResult = await result;
    expect(answer.diagnosis.verdict.label).toBe('invalid_key');
    const jobs = await jobsOf(url, prefix, 'gw-a');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.finishedOn).toBeGreaterThan(0);
    expect(jobs[0]?.stalledCounter).toBe(1);
  });

  it('finishes the running diagnosis on SIGTERM, then exits cleanly', async () => {
    const { url } = await redisFor();
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(url, prefix));
    const s = await scenario('healthy', 0.6);
    const w = await worker(s, url, prefix);
    const { started, result } = requestWatching(transportFor(url, prefix), 'term-1');
    await started;
    w.child.kill('SIGTERM');
    expect((await result).diagnosis.verdict.label).toBe('healthy');
    expect(await w.exited).toBe(0);
    expect(w.stderr()).toMatch(/gw-a: stopped/);
  });

  it('hands the job back when the grace runs out, and another worker answers it', async () => {
    const { url } = await redisFor();
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(url, prefix));
    const s = await scenario('healthy', 1);
    const w = await worker(s, url, prefix, { CLAWOPS_WORKER_STOP_GRACE_MS: '100' });
    const { started, result } = requestWatching(transportFor(url, prefix), 'term-2');
    await started;
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    expect(w.stderr()).toMatch(/handed back to the queue/);
    await worker(s, url, prefix, { FAKE_OPENCLAW_SPEED: '0' });
    expect((await result).diagnosis.verdict.label).toBe('healthy');
  });
});

describe('Redis', () => {
  it('restarted mid-run: both sides reconnect and the request is answered', async () => {
    const { url, server } = await redisFor(true);
    const prefix = testPrefix();
    const s = await scenario('invalid_key_401', 1);
    await worker(s, url, prefix);
    const { started, result } = requestWatching(transportFor(url, prefix), 'restart-1');
    await started;
    await server?.restart(500);
    expect((await result).diagnosis.verdict.label).toBe('invalid_key');
  });

  it('down: a request fails with a clear message at once', async () => {
    const { url, server } = await redisFor(true);
    await server?.stop();
    const t = transportFor(url, testPrefix());
    const started = Date.now();
    const err = await t.requestDiagnosis(request('down-1')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'redis_down' });
    expect((err as Error).message).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ is not reachable/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

/** A Redis where host gw-a's heartbeat was last seen at `lastSeen`, and no worker runs. */
async function hostThatSaidHello(lastSeen: number) {
  const { url } = await redisFor();
  const prefix = testPrefix();
  cleanups.push(() => dropPrefix(url, prefix));
  const redis = new Redis(url);
  cleanups.push(async () => redis.quit());
  const beat = { host: 'gw-a', clawopsVersion: 't', openclawVersion: null, pid: 1, startedAt: 0, lastSeen };
  await redis.hset(keysFor(prefix).hosts, 'gw-a', JSON.stringify(beat));
  return { url, prefix, redis };
}

describe('requests no worker can answer', () => {
  it('tells the requester when no worker takes the job in time, and withdraws it', async () => {
    // A heartbeat as a live worker would send it, from a worker that takes nothing.
    const { url, prefix, redis } = await hostThatSaidHello(Date.now());
    const t = transportFor(url, prefix, { pickupTimeoutMs: 1_000 });
    const err = await t.requestDiagnosis(request('lost-1')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'not_picked_up' });
    expect((err as Error).message).toMatch(/no worker on gw-a took the request within 1 s/);
    expect(await jobsOf(url, prefix, 'gw-a')).toHaveLength(0);
    expect(await redis.exists(keysFor(prefix).run('gw-a'))).toBe(0);
  });

  it('withdraws a waiting job when the host goes silent, however long the pickup time', async () => {
    const { url, prefix } = await hostThatSaidHello(Date.now());
    const t = createBullTransport({ redisUrl: url, prefix, pollMs: 250, silentAfterMs: 1_000 });
    cleanups.push(() => t.close());
    const err = await t.requestDiagnosis(request('gone-1')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'host_silent' });
    expect((err as Error).message).toMatch(/the worker on gw-a went silent before taking the request/);
    expect(await jobsOf(url, prefix, 'gw-a')).toHaveLength(0);
  });

  it('answers at once when the host has gone silent', async () => {
    const { url, prefix } = await hostThatSaidHello(Date.now() - 60_000);
    const err = await transportFor(url, prefix)
      .requestDiagnosis(request('silent-1'))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'host_silent' });
    expect(await jobsOf(url, prefix, 'gw-a')).toHaveLength(0);
  });
});

describe('job data', () => {
  it('is checked by the worker: invalid data fails once, without retry', async () => {
    const { url } = await redisFor();
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(url, prefix));
    const host: TestHost = await startHost(url, prefix, 'gw-a', 'healthy');
    cleanups.push(() => stopHosts([host]));
    const queue = new Queue(queueName('gw-a'), { connection: { url }, prefix });
    cleanups.push(() => queue.close());
    const job = await queue.add(
      'diagnose',
      { kind: 'diagnose', requestId: 'a b; rm -rf /', host: 'gw-a', replyTo: 'x', requestedBy: 'y' },
      { attempts: 3 },
    );
    for (let i = 0; i < 100 && !(await job.isFailed()); i++) await new Promise((r) => setTimeout(r, 50));
    const failed = await queue.getJob(job.id as string);
    expect(await failed?.getState()).toBe('failed');
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/invalid job data: .*requestId/);
    expect(host.scenario.calls()).toHaveLength(0);
  });
});
