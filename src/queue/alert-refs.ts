import type { Redis } from 'ioredis';
import type { AlertRefStore } from '../core/alert-delivery.js';
import { keysFor } from './keys.js';

/** Alert messages stay editable for a week; after that an episode's next change posts anew. */
const TTL_S = 7 * 24 * 3600;

/** Where each episode's alert messages are, in a Redis hash per episode. */
export function createRedisAlertRefs(redis: Redis, prefix: string): AlertRefStore {
  const keys = keysFor(prefix);
  return {
    async read(episodeId) {
      return new Map(Object.entries(await redis.hgetall(keys.alert(episodeId))));
    },
    async write(episodeId, field, value) {
      await redis
        .multi()
        .hset(keys.alert(episodeId), field, value)
        .expire(keys.alert(episodeId), TTL_S)
        .exec();
    },
  };
}
