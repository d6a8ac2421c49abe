import { type Job, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { type FixCommands, type FixResult, heartbeatNow, JobSchema, type RunProgress } from '../core/job.js';
import type { RestartBudget } from '../core/restart-budget.js';
import type { DiagnosisRunner, FixRecord, FixRunner, StartedFix } from '../core/transport.js';
import type { Diagnosis } from '../engine/diagnosis.js';
import type { Logger } from '../logger.js';
import { HEARTBEAT_MS, heartbeatPublisher } from './heartbeats.js';
import { fixQueueName, keysFor, queueName } from './keys.js';
import { closeRedis, createRedis } from './redis.js';
import { createRedisRestartBudget } from './restart-budget.js';
import { releaseRun } from './run-claims.js';
import { startStalledChecks } from './stalled-checks.js';

/**
 * How long an idle worker's blocking wait for a job lasts before it asks again (BullMQ's
 * `drainDelay`, seconds). A new job ends the wait at once, so this sets only the idle load:
 * eight Redis commands per wait and lane, 0.13/s per worker at 2 minutes instead of 3.2/s at
 * BullMQ's 5 s default, which a fleet of 500 hosts would feel (and BullMQ's watchdog still
 * renews a connection that stops answering, a second after the wait should have ended).
 */
export const IDLE_WAIT_S = 120;

export type BullWorkerOptions = {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly host: string;
  readonly runner: DiagnosisRunner;
  /** Makes the runner of approved fix jobs, given this queue's restart budget; without it they fail. */
  readonly makeFixRunner?: (budget: RestartBudget) => FixRunner;
  readonly clawopsVersion: string;
  /** The OpenClaw version, once known; later diagnoses keep it current. */
  readonly openclawVersion?: Promise<string | null>;
  /** How this host restarts and starts its gateway, for the heartbeat, once the worker knows. */
  readonly fixCommands?: Promise<FixCommands>;
  /** A dead worker's job is taken over by another worker this long after its last lock renewal. */
  readonly lockMs: number;
  /** On `close()`, how long a running diagnosis may finish before it is handed back to the queue. */
  readonly stopGraceMs: number;
  readonly heartbeatMs?: number;
  /** This host's clock; only what the heartbeat says of itself, never how fresh it is judged. */
  readonly now?: () => number;
  readonly log: Logger;
};

/**
 * A fix job's start, noted once in Redis (kept a day): a job retaken after its worker died finds
 * it and does not run the command a second time.
 */
function redisFixRecord(redis: Redis, key: string): FixRecord {
  return {
    async started() {
      const raw = await redis.get(key);
      if (raw === null) return null;
      const start = JSON.parse(raw) as StartedFix | null;
      // Unreadable, but a start was noted: fail the job rather than run the command again.
      if (!Array.isArray(start?.argv)) throw new UnrecoverableError('this fix started before; not run again');
      return start;
    },
    claim: async (start) => (await redis.set(key, JSON.stringify(start), 'PX', 24 * 3600_000, 'NX')) === 'OK',
  };
}

export type BullWorker = {
  /** Stops taking jobs; lets the running one finish within the grace, else hands it back. */
  close(): Promise<void>;
  /** When this worker's heartbeat last reached Redis (ms since the epoch), `null` before the first. */
  lastHeartbeat(): number | null;
};

/**
 * Consumes this host's jobs only, in two lanes (diagnoses, approved fixes) of one job at a time
 * each, and returns the redacted `Diagnosis` (or `FixResult`) as the job's result. Raw probe
 * output never leaves the process: the runner returns only the engine's redacted result, and
 * progress carries probe names and timings.
 */
export async function startBullWorker(opts: BullWorkerOptions): Promise<BullWorker> {
  const redis = createRedis(opts.redisUrl);
  const keys = keysFor(opts.prefix);
  const now = opts.now ?? Date.now;
  const startedAt = now();
  let openclawVersion: string | null = null;
  let fixCommands: FixCommands | undefined;
  let lastBeat: number | null = null;
  let stopping = false;
  /** The jobs under way: at most one diagnosis and one fix, each in its own lane. */
  const running = new Set<AbortController>();
  const fixRunner = opts.makeFixRunner?.(createRedisRestartBudget(redis, keys));
  const publishHeartbeat = heartbeatPublisher(redis, keys);

  const beat = async () => {
    const heartbeat = {
      ...heartbeatNow({
        host: opts.host,
        clawopsVersion: opts.clawopsVersion,
        openclawVersion,
        startedAt,
        ...(fixCommands ? { fixCommands } : {}),
      }),
      lastSeen: now(),
    };
    await publishHeartbeat(heartbeat)
      .then(() => {
        lastBeat = Date.now();
      })
      .catch((err: unknown) =>
        opts.log.warn({ err: String(err) }, 'heartbeat not published; Redis unreachable?'),
      );
  };
  void opts.openclawVersion?.then((v) => {
    openclawVersion = v ?? openclawVersion;
    return beat();
  });
  void opts.fixCommands?.then(
    (c) => {
      fixCommands = c;
      return beat();
    },
    (err: unknown) => opts.log.warn({ err: String(err) }, 'restart method unknown'),
  );

  const processor = async (job: Job, token?: string): Promise<Diagnosis | FixResult> => {
    const parsed = JobSchema.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`invalid job data: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
    if (parsed.data.host !== opts.host)
      throw new UnrecoverableError(`job for host ${parsed.data.host} reached the worker of ${opts.host}`);
    const abort = new AbortController();
    running.add(abort);
    // One request id across bot and worker: the bot logs it with this run id (the job id).
    const trace = {
      requestId: parsed.data.requestId,
      runId: job.id,
      host: opts.host,
      kind: parsed.data.kind,
    };
    const started = performance.now();
    opts.log.info({ event: 'job_started', ...trace }, `${parsed.data.kind} started`);
    if (parsed.data.kind === 'fix') {
      if (!fixRunner) throw new UnrecoverableError(`the worker of ${opts.host} does not run fixes`);
      try {
        const result = await fixRunner(parsed.data, {
          signal: abort.signal,
          record: redisFixRecord(redis, keys.fixRun(job.id as string)),
        });
        opts.log.info(
          {
            event: 'job_done',
            ...trace,
            fix: parsed.data.fix,
            outcome: result.outcome,
            ms: Math.round(performance.now() - started),
          },
          'fix done',
        );
        return result;
      } finally {
        running.delete(abort);
      }
    }
    const onProgress = (p: RunProgress) =>
      void job.updateProgress(p).catch(() => {
        // Progress is a courtesy; the result is what counts.
      });
    let handedBack = false;
    try {
      const diagnosis = await opts.runner(parsed.data, { signal: abort.signal, onProgress });
      if (abort.signal.aborted && stopping) {
        // Cut short by shutdown: the probes were stopped, so this verdict is not worth giving.
        await job.moveToWait(token);
        handedBack = true;
        opts.log.warn({ jobId: job.id }, 'worker stopping: diagnosis handed back to the queue');
        throw new WaitingError();
      }
      opts.log.info(
        {
          event: 'job_done',
          ...trace,
          label: diagnosis.verdict.label,
          ms: Math.round(performance.now() - started),
        },
        'diagnosis done',
      );
      if (diagnosis.openclawVersion && diagnosis.openclawVersion !== openclawVersion) {
        openclawVersion = diagnosis.openclawVersion;
        await beat();
      }
      return diagnosis;
    } finally {
      running.delete(abort);
      // The host's next request starts a fresh run (unless this one goes on elsewhere). Not
      // awaited: a claim never joins a run whose job has finished anyway (run-claims.ts).
      if (!handedBack) void releaseRun(redis, keys, opts.host, job.id as string).catch(() => {});
    }
  };

  // Two lanes, one job at a time each: an approved fix never waits behind a slow diagnosis.
  const lanes = [queueName(opts.host), fixQueueName(opts.host)].map((name) => {
    const worker = new Worker(name, processor, {
      connection: redis,
      prefix: opts.prefix,
      concurrency: 1,
      drainDelay: IDLE_WAIT_S,
      lockDuration: opts.lockMs,
      stalledInterval: opts.lockMs,
      maxStalledCount: 1,
      // Checked below, only while the lane has a job in flight.
      skipStalledCheck: true,
    });
    worker.on('error', (err) => opts.log.warn({ err: err.message }, 'queue connection trouble; retrying'));
    worker.on('failed', (job, err) => opts.log.error({ jobId: job?.id, err: err.message }, 'job failed'));
    worker.on('stalled', (jobId) =>
      opts.log.warn({ jobId }, 'a job whose worker stopped answering is queued again'),
    );
    return worker;
  });
  await Promise.all(lanes.map((w) => w.waitUntilReady()));
  const stalledChecks = startStalledChecks(redis, lanes, opts.lockMs, (err) =>
    opts.log.warn({ err: String(err) }, 'stalled-job check failed; Redis unreachable?'),
  );
  await beat();
  const timer = setInterval(() => void beat(), opts.heartbeatMs ?? HEARTBEAT_MS);
  timer.unref();

  return {
    lastHeartbeat: () => lastBeat,
    async close() {
      if (stopping) return;
      stopping = true;
      clearInterval(timer);
      const grace = setTimeout(() => {
        for (const r of running) r.abort();
      }, opts.stopGraceMs);
      try {
        await stalledChecks.stop();
        await Promise.all(lanes.map((w) => w.close()));
      } finally {
        clearTimeout(grace);
        await closeRedis(redis);
      }
    },
  };
}
