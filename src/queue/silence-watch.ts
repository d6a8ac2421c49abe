import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { type Episode, EpisodeSchema } from '../engine/episodes.js';
import { createSilenceTracker } from '../engine/silence.js';
import type { Logger } from '../logger.js';
import { queueAlert, UNLOCK } from './alerts.js';
import { readHosts } from './heartbeats.js';
import { ALERT_QUEUE, keysFor } from './keys.js';
import { closeRedis, createRedis } from './redis.js';

/** Takes the lock when free, or keeps it when it is ours; 1 when this bot holds it. */
const HOLD = `local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if v then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** Heartbeats are looked at this often at most. */
const MAX_EVERY_MS = 15_000;

/** The worker-silent episodes the bots last saved; unreadable state counts as none. */
export async function readSilentEpisodes(redis: Redis, prefix: string): Promise<Episode[]> {
  const raw = await redis.get(keysFor(prefix).silence);
  if (!raw) return [];
  try {
    const parsed = z.array(EpisodeSchema).safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export type SilenceWatch = { close(): Promise<void> };

/**
 * The bots' watch for silent workers: one bot at a time (a Redis lock it renews) reads the
 * heartbeats, raises and ends `worker-silent` episodes and queues them like a worker's. The
 * episodes are kept in Redis, so a bot that takes over posts nothing twice.
 */
export function startSilenceWatch(opts: {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly silentMs: number;
  readonly quietMs: number;
  readonly log: Logger;
}): SilenceWatch {
  const redis = createRedis(opts.redisUrl);
  redis.on('error', () => {
    // Reconnects by itself; each round that fails is logged below.
  });
  const keys = keysFor(opts.prefix);
  const queue = new Queue(ALERT_QUEUE, { connection: redis, prefix: opts.prefix });
  const token = randomUUID();
  const everyMs = Math.min(MAX_EVERY_MS, Math.round(opts.silentMs / 4));
  let tracker: ReturnType<typeof createSilenceTracker> | null = null;
  let closed = false;
  let running: Promise<void> | null = null;

  const round = async () => {
    const held = await redis.eval(HOLD, 1, keys.silenceLock, token, String(3 * everyMs));
    if (held !== 1) {
      tracker = null; // Another bot watches; take its state over when this one does again.
      return;
    }
    if (!tracker) {
      tracker = createSilenceTracker({ silentMs: opts.silentMs, quietMs: opts.quietMs });
      tracker.restore(await readSilentEpisodes(redis, opts.prefix));
    }
    const now = Date.now();
    const changed = tracker.apply(await readHosts(redis, keys, now), now);
    if (changed.length === 0) return;
    await redis.set(keys.silence, JSON.stringify(tracker.list()));
    for (const e of changed) {
      opts.log.info(
        { event: 'alert_episode', kind: e.kind, episode: e.id, status: e.status, version: e.version },
        'worker-silent episode changed',
      );
      await queueAlert(queue, e);
    }
  };

  const timer = setInterval(() => {
    if (running || closed) return;
    running = round()
      .catch((err: unknown) => opts.log.warn({ err: String(err) }, 'silent workers not checked'))
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref();

  return {
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
      await redis.eval(UNLOCK, 1, keys.silenceLock, token).catch(() => {});
      await queue.close();
      await closeRedis(redis);
    },
  };
}
