import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PendingAnswer, PendingStore } from '../core/pending.js';
import type { Keys } from './keys.js';

/**
 * A bot says it is alive this often (or three times within its liveness, when that is shorter);
 * after `aliveMs` (CLAWOPS_BOT_ALIVE_MS, default `ALIVE_MS`) without a word its requests are adopted.
 */
const RENEW_MS = 3_000;
export const ALIVE_MS = 10_000;
/** A request unanswered this long is dropped: its run has been given up long since. */
const FORGET_MS = 3600_000;

/**
 * Atomically: the request's owner is still `ARGV[1]` and that bot is gone, so `ARGV[2]` takes it.
 * Returns the message that shows it, or `false` when another bot was first (or the owner lives).
 */
const ADOPT = `
if redis.call('HGET', KEYS[1], ARGV[3]) ~= ARGV[1] then return false end
if redis.call('EXISTS', ARGV[4] .. ARGV[1]) == 1 then return false end
redis.call('HSET', KEYS[1], ARGV[3], ARGV[2])
return {redis.call('HGET', KEYS[2], ARGV[3]) or ''}
`;

const parse = (raw: string): PendingAnswer | null => {
  try {
    const p = JSON.parse(raw) as PendingAnswer | null;
    return typeof p?.runId === 'string' && typeof p.replyTo === 'string' ? p : null;
  } catch {
    return null;
  }
};

/**
 * Pending requests in Redis (`pending`, `pending:owner`, `pending:placed`, keyed by request id),
 * owned by bots that renew a short-lived key while they run. A bot that dies stops renewing; the
 * next bot to look adopts its requests and answers them.
 */
export function createRedisPendingStore(
  redis: Redis,
  keys: Keys,
  { aliveMs = ALIVE_MS }: { aliveMs?: number } = {},
): PendingStore {
  const me = `bot-${randomUUID()}`;
  let closing = false;
  const alive = () => redis.set(keys.botAlive(me), '1', 'PX', aliveMs).catch(() => {});
  void alive();
  const timer = setInterval(() => void alive(), Math.min(RENEW_MS, Math.floor(aliveMs / 3)));
  timer.unref();
  const done = async (requestId: string) => {
    // A bot shutting down leaves its requests to the bot that comes next.
    if (closing) return;
    await redis
      .multi()
      .hdel(keys.pending, requestId)
      .hdel(keys.pendingOwner, requestId)
      .hdel(keys.pendingPlaced, requestId)
      .exec();
  };
  return {
    done,
    async track(p) {
      await redis
        .multi()
        .hset(keys.pending, p.requestId, JSON.stringify(p))
        .hset(keys.pendingOwner, p.requestId, me)
        .exec();
    },
    async placed(requestId, messageId) {
      await redis.hset(keys.pendingPlaced, requestId, messageId);
    },
    async adoptOrphans(canAnswer) {
      if (closing) return [];
      const [all, owners] = await Promise.all([
        redis.hgetall(keys.pending),
        redis.hgetall(keys.pendingOwner),
      ]);
      const out: (PendingAnswer & { messageId?: string })[] = [];
      for (const [requestId, raw] of Object.entries(all)) {
        const owner = owners[requestId];
        if (!owner || owner === me) continue;
        const p = parse(raw);
        if (!p) {
          await done(requestId); // unreadable: no bot could answer it
          continue;
        }
        if (!canAnswer(p)) continue;
        const adopted = (await redis.eval(
          ADOPT,
          2,
          keys.pendingOwner,
          keys.pendingPlaced,
          owner,
          me,
          requestId,
          keys.botAlive(''),
        )) as [string] | null;
        if (!adopted) continue;
        if (Date.now() - p.createdAt > FORGET_MS) {
          await done(requestId);
          continue;
        }
        out.push(adopted[0] ? { ...p, messageId: adopted[0] } : p);
      }
      return out;
    },
    async close() {
      closing = true;
      clearInterval(timer);
      await redis.del(keys.botAlive(me)).catch(() => {});
    },
  };
}
