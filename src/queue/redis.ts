import { Redis } from 'ioredis';
import { UserError } from '../core/errors.js';

/** The URL without its credentials, for messages and logs. */
export function describeRedis(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'the configured Redis';
  }
}

/** Redis's own error code for a write refused at `maxmemory` (with `noeviction`). */
const OOM = /\bOOM command not allowed\b/;

/**
 * A write Redis refused because it is full, as a message that says so; `null` for any other
 * error. Redis error replies start with their code (`OOM …`), scripts quote it in theirs.
 */
export function redisFull(err: unknown, url: string): UserError | null {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (OOM.test(e.message))
      return new UserError(
        'redis_full',
        `Redis at ${describeRedis(url)} is full: it reached its maxmemory and refuses writes (OOM command not allowed), so nothing could be queued. Free memory there or raise maxmemory; keep --maxmemory-policy noeviction.`,
        { cause: err },
      );
  }
  return null;
}

/**
 * A connection that waits out a Redis restart instead of failing its commands: BullMQ needs
 * `maxRetriesPerRequest: null` for blocking reads, and reconnects come quickly (at most 2 s apart).
 */
export function createRedis(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: 'clawops',
    retryStrategy: (times) => Math.min(100 * times, 2_000),
  });
}

/** Resolves once the connection is ready; a clear `redis_down` error when it is not within `ms`. */
export async function whenReady(redis: Redis, url: string, ms = 2_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      if (err) reject(err);
      else resolve();
    };
    const onReady = () => done();
    const timer = setTimeout(
      () =>
        done(
          new UserError(
            'redis_down',
            `Redis at ${describeRedis(url)} is not reachable (${redis.status}); the queue to the workers is down. Check that redis-server runs and REDIS_URL is right.`,
          ),
        ),
      ms,
    );
    redis.on('ready', onReady);
  });
}

/** Closes a connection, quickly, whatever state it is in. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
