import { performance } from 'node:perf_hooks';
import { Queue, QueueEvents, Worker } from 'bullmq';
import type { DiagnosisRunner } from '../../src/core/transport.js';
import { diagnose } from '../../src/engine/diagnose.js';
import type { Diagnosis } from '../../src/engine/diagnosis.js';
import { createLogger } from '../../src/logger.js';
import { createBullTransport } from '../../src/queue/bull-transport.js';
import { startBullWorker } from '../../src/queue/bull-worker.js';
import { dropPrefix, testPrefix, useRedis } from '../support/redis.js';
import { percentile, writeBenchResult } from './figures.js';

const N = Number(process.env.BENCH_JOBS ?? 1000);
const WARMUP = 50;
const TARGET_MS = 2;

const ms = (x: number) => x.toFixed(2);

/** A real Diagnosis (a stopped gateway, from the engine itself) that the no-op runner returns. */
const READY: Diagnosis = diagnose({
  host: 'bench',
  startedAt: new Date(),
  durationMs: 1,
  probes: [],
  port: { host: '127.0.0.1', port: 18789, state: 'refused', detail: 'ECONNREFUSED', durationMs: 1 },
  notes: [],
  knownSecrets: [],
});

async function timeEach(n: number, one: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await one(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await one(i);
    out.push(performance.now() - t0);
  }
  return out;
}

async function bare(url: string): Promise<number[]> {
  const prefix = testPrefix();
  const connection = { url };
  const queue = new Queue('bare', { connection, prefix });
  const events = new QueueEvents('bare', { connection, prefix });
  const worker = new Worker('bare', async () => ({ ok: true }), { connection, prefix });
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), worker.waitUntilReady()]);
  try {
    return await timeEach(N, async (i) => {
      const job = await queue.add('noop', { i }, { removeOnComplete: { age: 3600, count: 1000 } });
      await job.waitUntilFinished(events);
    });
  } finally {
    await Promise.all([worker.close(), events.close(), queue.close()]);
    await dropPrefix(url, prefix);
  }
}

async function clawops(
  url: string,
  runner: DiagnosisRunner,
  run: (t: ReturnType<typeof createBullTransport>) => Promise<unknown>,
) {
  const prefix = testPrefix();
  const worker = await startBullWorker({
    redisUrl: url,
    prefix,
    host: 'bench',
    runner,
    clawopsVersion: 'bench',
    lockMs: 30_000,
    stopGraceMs: 1_000,
    log: createLogger('silent'),
  });
  const transport = createBullTransport({ redisUrl: url, prefix });
  try {
    return await run(transport);
  } finally {
    await transport.close();
    await worker.close();
    await dropPrefix(url, prefix);
  }
}

const request = (requestId: string) => ({
  kind: 'diagnose' as const,
  requestId,
  host: 'bench',
  replyTo: 'bench',
  requestedBy: 'bench',
});

const redis = await useRedis();
try {
  const bareMs = await bare(redis.url);
  const clawMs = (await clawops(
    redis.url,
    async () => READY,
    (t) => timeEach(N, (i) => t.requestDiagnosis(request(`lat-${i}`))),
  )) as number[];
  const slow: DiagnosisRunner = () => new Promise((r) => setTimeout(() => r(READY), 200));
  const shared = (await clawops(redis.url, slow, async (t) => {
    const t0 = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => t.requestDiagnosis(request(`fan-${i}`))),
    );
    return {
      requests: 100,
      runs: new Set(answers.map((a) => a.runId)).size,
      allAnsweredMs: performance.now() - t0,
    };
  })) as { requests: number; runs: number; allAnsweredMs: number };

  const result = {
    jobs: N,
    bare: { p50: percentile(bareMs, 50), p99: percentile(bareMs, 99) },
    clawops: { p50: percentile(clawMs, 50), p99: percentile(clawMs, 99) },
    overheadP50: percentile(clawMs, 50) - percentile(bareMs, 50),
    overheadP99: percentile(clawMs, 99) - percentile(bareMs, 99),
    shared,
    targetP50Ms: TARGET_MS,
  };
  writeBenchResult('queue.json', result);
  process.stdout.write(
    [
      `queue round trip, ${N} jobs one at a time (ms)`,
      '| path | p50 | p99 |',
      '|---|---|---|',
      `| bare BullMQ add → process → waitUntilFinished | ${ms(result.bare.p50)} | ${ms(result.bare.p99)} |`,
      `| clawops requestDiagnosis (no-op diagnosis) | ${ms(result.clawops.p50)} | ${ms(result.clawops.p99)} |`,
      `| clawops overhead | ${ms(result.overheadP50)} | ${ms(result.overheadP99)} |`,
      '',
      `shared runs: ${shared.requests} concurrent requests → ${shared.runs} run(s), all answered in ${ms(shared.allAnsweredMs)} ms`,
      `target: overhead p50 < ${TARGET_MS} ms: ${result.overheadP50 < TARGET_MS ? 'met' : 'MISSED'}`,
      '',
    ].join('\n'),
  );
} finally {
  await redis.stop();
}
