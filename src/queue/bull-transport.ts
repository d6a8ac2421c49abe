import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { BotError, UserError } from '../core/errors.js';
import {
  FixJobSchema,
  type FixResult,
  FixResultSchema,
  type HostStatus,
  parseDiagnoseRequest,
} from '../core/job.js';
import type { DiagnosisTransport, FixRequestOptions, RequestOptions, RunResult } from '../core/transport.js';
import { type Diagnosis, DiagnosisSchema } from '../engine/diagnosis.js';
import { readHost, readHosts, SILENT_AFTER_MS } from './heartbeats.js';
import { fixQueueName, keysFor, queueName } from './keys.js';
import { type LaneEvent, LaneEvents } from './lane-events.js';
import { closeRedis, createRedis, describeRedis, whenReady } from './redis.js';
import { claimRun, forgetRequest, releaseRun } from './run-claims.js';
import { RunWatch, type WatchLimits } from './run-watch.js';

export type BullTransportOptions = {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly pickupTimeoutMs?: number;
  readonly runTimeoutMs?: number;
  readonly pollMs?: number;
  readonly silentAfterMs?: number;
};

const DEFAULTS = { pickupTimeoutMs: 30_000, runTimeoutMs: 5 * 60_000, pollMs: 1_000 };
/** A request id is remembered this long: a platform redelivers within minutes, not hours. */
const REQUEST_TTL_MS = 15 * 60_000;

/** What the host's event stream needs of a watch, whatever its result. */
type Watched = {
  progress(data: unknown): void;
  completed(returnvalue: unknown): void;
  check(): Promise<void>;
  abandon(reason: Error): void;
};
type HostLine = {
  readonly queue: Queue;
  /** Resolves once the lane's events are followed, from before anything is queued on it. */
  readonly opened: Promise<void>;
  readonly watches: Map<string, Watched>;
  /** Diagnosis runs in flight, for requests that join them. */
  readonly runs: Map<string, RunWatch<Diagnosis>>;
};

const JOB_OPTIONS = {
  attempts: 1,
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 24 * 3600 },
};

/**
 * The bot's side of BullMQ: checks the host has a live worker, claims or joins the host's run,
 * queues it when new, and follows it to its result. Never runs OpenClaw itself.
 */
export function createBullTransport(
  opts: BullTransportOptions,
): DiagnosisTransport & { follow: NonNullable<DiagnosisTransport['follow']> } {
  const redis = createRedis(opts.redisUrl);
  redis.on('error', () => {
    // ioredis reconnects by itself; requests meanwhile get a clear `redis_down`.
  });
  const keys = keysFor(opts.prefix);
  const silentAfterMs = opts.silentAfterMs ?? SILENT_AFTER_MS;
  const limits: WatchLimits = {
    pickupTimeoutMs: opts.pickupTimeoutMs ?? DEFAULTS.pickupTimeoutMs,
    runTimeoutMs: opts.runTimeoutMs ?? DEFAULTS.runTimeoutMs,
    pollMs: opts.pollMs ?? DEFAULTS.pollMs,
  };
  const lines = new Map<string, HostLine>();
  let ready: Promise<void> | null = null;
  /** One wait for the connection, however many requests arrive while it is being made. */
  const connected = (): Promise<void> => {
    if (redis.status === 'ready') return Promise.resolve();
    ready ??= whenReady(redis, opts.redisUrl).finally(() => {
      ready = null;
    });
    return ready;
  };

  let versionChecked = false;
  /** Every lane's events, on one blocking connection, read only while the lane has watches. */
  const events = new LaneEvents(redis, keys.wake(randomUUID()));
  const dispatch = (line: HostLine, { event, jobId, data, returnvalue }: LaneEvent): void => {
    const watch = line.watches.get(jobId);
    if (!watch) return;
    if (event === 'progress') watch.progress(data);
    else if (event === 'completed') watch.completed(returnvalue);
    else if (event === 'active' || event === 'failed' || event === 'removed') void watch.check();
  };

  /** A lane's queue (`diagnose.<host>`, `fix.<host>`), its events followed before anything is queued. */
  const lineFor = async (name: string): Promise<HostLine> => {
    const known = lines.get(name);
    if (known) {
      await known.opened;
      return known;
    }
    // BullMQ reads INFO for each queue to check the Redis version: once is enough (500 lanes, 500 INFOs).
    const queue = new Queue(name, {
      connection: redis,
      prefix: opts.prefix,
      skipVersionCheck: versionChecked,
    });
    queue.on('error', () => {});
    if (!versionChecked)
      void queue.waitUntilReady().then(
        () => {
          versionChecked = true;
        },
        () => {},
      );
    const watches = new Map<string, Watched>();
    const line: HostLine = {
      queue,
      opened: events.open(
        queue.keys.events as string,
        (e) => dispatch(line, e),
        () => watches.size > 0,
      ),
      watches,
      runs: new Map(),
    };
    lines.set(name, line);
    await line.opened;
    return line;
  };

  const silence = async (host: string): Promise<string | null> => {
    const status = await readHost(redis, keys, host, Date.now(), silentAfterMs);
    if (status?.state !== 'silent') return null;
    return `last seen ${Math.round((Date.now() - status.lastSeen) / 1000)} s ago`;
  };

  const checkHost = async (host: string): Promise<void> => {
    const status = await readHost(redis, keys, host, Date.now(), silentAfterMs);
    if (status?.state === 'live') return;
    if (status)
      throw new UserError(
        'host_silent',
        `the worker on ${host} is silent (last seen ${new Date(status.lastSeen).toISOString()}); check \`clawops worker\` on that host`,
      );
    const known = (await readHosts(redis, keys, Date.now(), silentAfterMs)).map((h) => h.host);
    throw new UserError(
      'unknown_host',
      `unknown host "${host}": no clawops worker of that name has connected. ${known.length ? `Known hosts: ${known.join(', ')}.` : 'No worker has connected yet.'}`,
    );
  };

  /** The watch of a queued job, shared by everyone waiting for it. */
  function watchFor<T extends Diagnosis | FixResult>(
    line: HostLine,
    runId: string,
    host: string,
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    ended: () => Promise<unknown>,
  ): RunWatch<T> {
    const watch = new RunWatch<T>({
      runId,
      host,
      what: schema === DiagnosisSchema ? 'diagnosis' : 'fix',
      queue: line.queue,
      limits,
      parse: (v) => {
        const r = schema.safeParse(v);
        return r.success ? r.data : null;
      },
      onEnd: (w) => {
        line.watches.delete(w.runId);
        void ended().catch(() => {});
      },
      isSilent: () => silence(host),
    });
    line.watches.set(runId, watch);
    if (line.watches.size === 1) events.wake();
    return watch;
  }

  /**
   * The watch of a diagnosis run, shared by every request that joins it; ending it frees the claim
   * the run was made under, `runKey` (the host, or host and agent).
   */
  const diagnosisWatch = async (host: string, runId: string, runKey = host): Promise<RunWatch<Diagnosis>> => {
    const line = await lineFor(queueName(host));
    const known = line.runs.get(runId);
    if (known) return known;
    const watch = watchFor(line, runId, host, DiagnosisSchema, async () => {
      line.runs.delete(runId);
      await releaseRun(redis, keys, runKey, runId);
    });
    line.runs.set(runId, watch);
    return watch;
  };

  return {
    async requestDiagnosis(
      request,
      { onProgress, onWaiting, beforeQueue, onQueued }: RequestOptions = {},
    ): Promise<RunResult> {
      const job = parseDiagnoseRequest(request);
      await connected();
      await checkHost(job.host);
      // One run in flight per host and agent: a request for one agent's routes does not join another's.
      const runKey = job.agent ? `${job.host}@${job.agent}` : job.host;
      const claim = await claimRun(
        redis,
        keys,
        {
          requestId: job.requestId,
          host: runKey,
          runId: `run-${job.host}-${randomUUID()}`,
          jobKeyPrefix: keys.bullJob(queueName(job.host)),
        },
        { requestMs: REQUEST_TTL_MS, runMs: limits.pickupTimeoutMs + limits.runTimeoutMs },
      );
      // Watched before it is queued, so not even the first probe's progress is missed.
      const watch = await diagnosisWatch(job.host, claim.runId, runKey);
      await beforeQueue?.(claim.runId);
      if (claim.share === 'started') {
        try {
          const line = await lineFor(queueName(job.host));
          await line.queue.add('diagnose', job, { ...JOB_OPTIONS, jobId: claim.runId });
        } catch (err) {
          const failed = new UserError(
            'redis_down',
            `the request could not be queued at ${describeRedis(opts.redisUrl)}`,
            {
              cause: err,
            },
          );
          watch.abandon(failed); // releases the host's run
          await forgetRequest(redis, keys, job.requestId, claim.runId).catch(() => {});
          throw failed;
        }
      }
      onQueued?.(claim.runId);
      const diagnosis = await watch.wait(onProgress, onWaiting);
      return { diagnosis, runId: claim.runId, share: claim.share };
    },

    async requestFix(request, { beforeQueue, onQueued, onWaiting }: FixRequestOptions = {}) {
      const parsed = FixJobSchema.safeParse(request);
      if (!parsed.success) throw new UserError('usage', 'invalid fix request');
      const job = parsed.data;
      await connected();
      await checkHost(job.host);
      // Fixes have a lane of their own: a running diagnosis never holds one up, nor the reverse.
      const line = await lineFor(fixQueueName(job.host));
      // The job id is the approval's: a redelivery finds the same job.
      const jobId = `fix-${job.requestId}`;
      const watch = watchFor(line, jobId, job.host, FixResultSchema, async () => {});
      try {
        await beforeQueue?.(jobId);
        await line.queue.add('fix', job, { ...JOB_OPTIONS, jobId });
      } catch (err) {
        const failed = new UserError(
          'redis_down',
          `the fix could not be queued at ${describeRedis(opts.redisUrl)}`,
          { cause: err },
        );
        watch.abandon(failed);
        throw failed;
      }
      onQueued?.(jobId);
      return watch.wait(undefined, onWaiting);
    },

    async follow(kind, host, runId) {
      await connected();
      if (kind === 'diagnose') {
        // The run was claimed under its agent too: free that claim when it ends, not the host's.
        const job = await (await lineFor(queueName(host))).queue.getJob(runId).catch(() => undefined);
        const agent: unknown = job?.data?.agent;
        return (
          await diagnosisWatch(host, runId, typeof agent === 'string' ? `${host}@${agent}` : host)
        ).wait();
      }
      const line = await lineFor(fixQueueName(host));
      return watchFor(line, runId, host, FixResultSchema, async () => {}).wait();
    },

    async listHosts(): Promise<readonly HostStatus[]> {
      await connected();
      return readHosts(redis, keys, Date.now(), silentAfterMs);
    },

    async close() {
      const closing = new BotError('internal', 'clawops is shutting down');
      for (const line of lines.values()) for (const watch of line.watches.values()) watch.abandon(closing);
      await events.close();
      await Promise.allSettled([...lines.values()].map((line) => line.queue.close()));
      lines.clear();
      await closeRedis(redis);
    },
  };
}
