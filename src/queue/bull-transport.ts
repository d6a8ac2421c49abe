import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { BotError, UserError } from '../core/errors.js';
import { type HostStatus, parseDiagnoseRequest } from '../core/job.js';
import type { DiagnosisTransport, RequestOptions, RunResult } from '../core/transport.js';
import { readHost, readHosts, SILENT_AFTER_MS } from './heartbeats.js';
import { keysFor, queueName } from './keys.js';
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

type HostLine = {
  readonly queue: Queue;
  readonly events: QueueEvents;
  readonly watches: Map<string, RunWatch>;
};

/**
 * The bot's side of BullMQ: checks the host has a live worker, claims or joins the host's run,
 * queues it when new, and follows it to its result. Never runs OpenClaw itself.
 */
export function createBullTransport(opts: BullTransportOptions): DiagnosisTransport {
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

  const lineFor = (host: string): HostLine => {
    const known = lines.get(host);
    if (known) return known;
    const connection = { connection: redis, prefix: opts.prefix };
    const line: HostLine = {
      queue: new Queue(queueName(host), connection),
      events: new QueueEvents(queueName(host), connection),
      watches: new Map(),
    };
    line.queue.on('error', () => {});
    line.events.on('error', () => {});
    line.events.on('progress', ({ jobId, data }) => line.watches.get(jobId)?.progress(data));
    line.events.on('completed', ({ jobId, returnvalue }) => line.watches.get(jobId)?.completed(returnvalue));
    for (const event of ['active', 'failed', 'removed'] as const)
      line.events.on(event, ({ jobId }: { jobId: string }) => void line.watches.get(jobId)?.check());
    lines.set(host, line);
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

  return {
    async requestDiagnosis(request, { onProgress }: RequestOptions = {}): Promise<RunResult> {
      const job = parseDiagnoseRequest(request);
      await connected();
      await checkHost(job.host);
      const claim = await claimRun(
        redis,
        keys,
        { requestId: job.requestId, host: job.host, runId: `run-${job.host}-${randomUUID()}` },
        { requestMs: REQUEST_TTL_MS, runMs: limits.pickupTimeoutMs + limits.runTimeoutMs },
      );
      const line = lineFor(job.host);
      if (claim.share === 'started') {
        try {
          await line.queue.add('diagnose', job, {
            jobId: claim.runId,
            attempts: 1,
            removeOnComplete: { age: 3600, count: 1000 },
            removeOnFail: { age: 24 * 3600 },
          });
        } catch (err) {
          await releaseRun(redis, keys, job.host, claim.runId).catch(() => {});
          await forgetRequest(redis, keys, job.requestId, claim.runId).catch(() => {});
          throw new UserError(
            'redis_down',
            `the request could not be queued at ${describeRedis(opts.redisUrl)}`,
            {
              cause: err,
            },
          );
        }
      }
      let watch = line.watches.get(claim.runId);
      if (!watch) {
        watch = new RunWatch({
          runId: claim.runId,
          host: job.host,
          queue: line.queue,
          limits,
          onEnd: (w) => {
            line.watches.delete(w.runId);
            void releaseRun(redis, keys, job.host, w.runId).catch(() => {});
          },
          isSilent: () => silence(job.host),
        });
        line.watches.set(claim.runId, watch);
      }
      const diagnosis = await watch.wait(onProgress);
      return { diagnosis, runId: claim.runId, share: claim.share };
    },

    async listHosts(): Promise<readonly HostStatus[]> {
      await connected();
      return readHosts(redis, keys, Date.now(), silentAfterMs);
    },

    async close() {
      const closing = new BotError('internal', 'clawops is shutting down');
      for (const line of lines.values()) {
        for (const watch of line.watches.values()) watch.abandon(closing);
        await Promise.allSettled([line.events.close(), line.queue.close()]);
      }
      lines.clear();
      await closeRedis(redis);
    },
  };
}
