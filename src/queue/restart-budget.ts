import type { Redis } from 'ioredis';
import { BUDGET_WINDOW_MS, type RestartBudget } from '../core/restart-budget.js';
import type { Keys } from './keys.js';

/**
 * Atomically: forget restarts older than the window; a fix that spent one already keeps it;
 * otherwise spend one if fewer than the limit remain. Members are fix ids.
 */
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
local used = redis.call('ZCARD', KEYS[1])
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return {1, used} end
if used >= tonumber(ARGV[3]) then return {0, used} end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, used + 1}
`;

/** The restart budget shared by every worker of a host, in Redis. */
export function createRedisRestartBudget(redis: Redis, keys: Keys): RestartBudget {
  return {
    async take(host, limit, fixId) {
      const now = Date.now();
      const [ok, used] = (await redis.eval(
        TAKE,
        1,
        keys.restarts(host),
        now,
        BUDGET_WINDOW_MS,
        limit,
        fixId,
      )) as [number, number];
      return { ok: ok === 1, used };
    },
  };
}
