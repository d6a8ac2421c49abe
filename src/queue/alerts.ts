import { randomUUID } from 'node:crypto';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { z } from 'zod';
import { BotError } from '../core/errors.js';
import { type WatchReport, WatchReportSchema } from '../core/watch-report.js';
import { type Episode, EpisodeSchema } from '../engine/episodes.js';
import type { Logger } from '../logger.js';
import { ALERT_QUEUE, keysFor } from './keys.js';
import { closeRedis, createRedis } from './redis.js';

/** A report outlives a silent worker by a day, then `/claw cooldown` stops showing it. */
const REPORT_TTL_S = 24 * 3600;
/** A delivery holds its episode this long at most; a bot that died mid-delivery frees it then. */
const LOCK_MS = 60_000;
/** Deletes the lock only if it is still ours. */
export const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Delivery is tried this often, 1 s, 2 s, 4 s… apart (about an hour in all), then logged as lost. */
const ATTEMPTS = 12;

/** Queues one episode version for the bot; a version queued before is not queued twice. */
export async function queueAlert(queue: Queue, e: Episode): Promise<void> {
  await queue.add('alert', e, {
    jobId: `${e.id}.v${e.version}`,
    attempts: ATTEMPTS,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { count: 1_000 },
    removeOnFail: { count: 1_000 },
  });
}

export type AlertPublisher = {
  /** Episodes an earlier run of this host's worker published. */
  savedEpisodes(): Promise<Episode[]>;
  publish(changed: readonly Episode[], report: WatchReport): Promise<void>;
  close(): Promise<void>;
};

/**
 * The worker's side: keeps the watcher's report in Redis and queues each changed episode for the
 * bot. One job per episode version; a job id seen before is not queued twice.
 */
export function createAlertPublisher(opts: {
  redisUrl: string;
  prefix: string;
  host: string;
}): AlertPublisher {
  const redis = createRedis(opts.redisUrl);
  const keys = keysFor(opts.prefix);
  const queue = new Queue(ALERT_QUEUE, { connection: redis, prefix: opts.prefix });
  return {
    async savedEpisodes() {
      return (await readWatchReport(redis, opts.prefix, opts.host))?.episodes ?? [];
    },
    async publish(changed, report) {
      await redis.set(keys.watch(opts.host), JSON.stringify(report), 'EX', REPORT_TTL_S);
      for (const e of changed) await queueAlert(queue, e);
    },
    async close() {
      await queue.close();
      await closeRedis(redis);
    },
  };
}

/** The bot's side: the watcher reports of hosts, for `/claw cooldown`. */
export async function readWatchReport(
  redis: ReturnType<typeof createRedis>,
  prefix: string,
  host: string,
): Promise<WatchReport | null> {
  const raw = await redis.get(keysFor(prefix).watch(host));
  if (!raw) return null;
  const parsed = WatchReportSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

export type AlertConsumer = { close(): Promise<void> };

/**
 * The bot's side: delivers queued alerts one at a time, in order. A delivery that fails is
 * logged and retried with backoff; it is never reported through the chat that failed. With
 * several bots, one episode is delivered by one bot at a time (a Redis lock), so two versions
 * cannot both post the first message.
 */
export function startAlertConsumer(opts: {
  redisUrl: string;
  prefix: string;
  deliver: (episode: Episode) => Promise<void>;
  log: Logger;
}): AlertConsumer {
  const redis = createRedis(opts.redisUrl);
  const worker = new Worker(
    ALERT_QUEUE,
    async (job: Job) => {
      const parsed = EpisodeSchema.safeParse(job.data);
      if (!parsed.success)
        throw new UnrecoverableError(`invalid alert: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
      const lock = keysFor(opts.prefix).alertLock(parsed.data.id);
      const token = randomUUID();
      if ((await redis.set(lock, token, 'PX', LOCK_MS, 'NX')) !== 'OK')
        throw new BotError(
          'busy',
          `episode ${parsed.data.id} is being delivered by another bot; trying again`,
        );
      try {
        await opts.deliver(parsed.data);
      } finally {
        await redis.eval(UNLOCK, 1, lock, token).catch(() => {});
      }
    },
    { connection: redis, prefix: opts.prefix, concurrency: 1 },
  );
  worker.on('failed', (job, err) =>
    opts.log.error(
      { event: 'alert_delivery_failed', job: job?.id, attempt: job?.attemptsMade, err: err.message },
      'alert not delivered; retrying',
    ),
  );
  worker.on('error', (err) => opts.log.warn({ err: String(err) }, 'alert queue connection'));
  return {
    async close() {
      await worker.close();
      await closeRedis(redis);
    },
  };
}
