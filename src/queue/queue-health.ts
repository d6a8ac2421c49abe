import { Queue } from 'bullmq';
import { BotError } from '../core/errors.js';
import type { QueueDepth, WorkerCounts } from '../observe/metrics.js';
import { readHosts } from './heartbeats.js';
import { ALERT_QUEUE, fixQueueName, keysFor, queueName } from './keys.js';
import { closeRedis, createRedis } from './redis.js';

const STATES = ['wait', 'active', 'delayed', 'failed'] as const;

/**
 * What `/healthz` and `/metrics` ask Redis: whether it answers, and how many jobs wait in the
 * queues (the alert queue and each known host's, or one host's).
 */
export function createQueueHealth(opts: { redisUrl: string; prefix: string; host?: string }) {
  const redis = createRedis(opts.redisUrl);
  redis.on('error', () => {
    // Reconnects by itself; the health check reports the state.
  });
  const keys = keysFor(opts.prefix);
  const queues = new Map<string, Queue>();
  const queue = (name: string) => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: redis, prefix: opts.prefix });
      q.on('error', () => {});
      queues.set(name, q);
    }
    return q;
  };
  return {
    /** Redis answers a PING; a connection that is not ready fails at once instead of queueing. */
    async redis(): Promise<{ ok: boolean; detail?: string }> {
      if (redis.status !== 'ready') return { ok: false, detail: `connection ${redis.status}` };
      const pong = await redis.ping();
      return pong === 'PONG' ? { ok: true } : { ok: false, detail: String(pong) };
    },
    /** Hosts whose worker heartbeat is fresh. */
    async liveHosts(): Promise<string[]> {
      if (redis.status !== 'ready') return [];
      return (await readHosts(redis, keys)).filter((h) => h.state === 'live').map((h) => h.host);
    },
    /** Known workers, live and silent. */
    async workers(): Promise<WorkerCounts> {
      if (redis.status !== 'ready') throw new BotError('redis_down', `Redis connection ${redis.status}`);
      const hosts = await readHosts(redis, keys);
      const live = hosts.filter((h) => h.state === 'live').length;
      return { live, silent: hosts.length - live };
    },
    async depth(): Promise<QueueDepth[]> {
      if (redis.status !== 'ready') return [];
      const lanes = (host: string) => [queueName(host), fixQueueName(host)];
      const names = opts.host
        ? lanes(opts.host)
        : [ALERT_QUEUE, ...(await readHosts(redis, keys)).flatMap((h) => lanes(h.host))];
      const out: QueueDepth[] = [];
      for (const name of names) {
        const counts = await queue(name).getJobCounts(...STATES);
        for (const state of STATES) out.push({ queue: name, state, count: counts[state] ?? 0 });
      }
      return out;
    },
    async close() {
      for (const q of queues.values()) await q.close();
      await closeRedis(redis);
    },
  };
}
