import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './ports.js';

const HOW_TO_GET_REDIS =
  'These tests need Redis. Set REDIS_URL to a running Redis, run one on 127.0.0.1:6379, or install redis-server (Debian: apt-get install redis-server) so the tests can start their own.';

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export { freePort } from './ports.js';

export type RedisServer = {
  readonly url: string;
  /** Stops the server (its data is kept on disk) and starts it again on the same port. */
  restart(downMs?: number): Promise<void>;
  /** Stops the server (keeping its data) until `resume`. */
  halt(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * A throwaway `redis-server` from PATH on a free port, persisting every write (appendfsync
 * always) so a restart keeps the queue, as a production Redis with AOF would; with
 * `durable: false`, in memory only (a benchmark's own Redis, measured alone).
 */
export async function startRedisServer(opts: { durable?: boolean } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'clawops-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
    if (opts.durable === false) args.push('--appendonly', 'no', '--daemonize', 'no');
    else args.push('--appendonly', 'yes', '--appendfsync', 'always', '--daemonize', 'no');
    child = spawn('redis-server', args, { stdio: 'ignore' });
    const failed = once(child, 'error').then(([err]) => {
      throw new Error(`${HOW_TO_GET_REDIS} (${String(err)})`);
    });
    for (let i = 0; i < 100; i++) {
      if (await Promise.race([answers(url), failed])) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server on port ${port} did not answer. ${HOW_TO_GET_REDIS}`);
  };
  const halt = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    c.kill('SIGTERM');
    await once(c, 'exit');
  };
  await start();
  return {
    url,
    halt,
    resume: start,
    async restart(downMs = 500) {
      await halt();
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Redis for a test file: REDIS_URL or the local default when it answers, else a throwaway server. */
export async function useRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  for (const url of [process.env.REDIS_URL, 'redis://127.0.0.1:6379']) {
    if (url && (await answers(url))) return { url, stop: async () => {} };
  }
  return startRedisServer();
}

/** A prefix of its own for each test, so tests never see each other's queues. */
export const testPrefix = (): string => `clawops-test-${randomUUID().slice(0, 8)}`;

/** Deletes every key under a test's prefix. */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The values of every key under `prefix`, whatever its type. */
export async function redisDump(url: string, prefix: string): Promise<{ keys: number; text: string }> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys(`${prefix}:*`);
    const parts: unknown[] = [];
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') parts.push(await redis.get(key));
      else if (type === 'hash') parts.push(await redis.hgetall(key));
      else if (type === 'list') parts.push(await redis.lrange(key, 0, -1));
      else if (type === 'set') parts.push(await redis.smembers(key));
      else if (type === 'zset') parts.push(await redis.zrange(key, 0, -1, 'WITHSCORES'));
      else if (type === 'stream') parts.push(await redis.xrange(key, '-', '+'));
      parts.push(key);
    }
    return { keys: keys.length, text: JSON.stringify(parts) };
  } finally {
    redis.disconnect();
  }
}
