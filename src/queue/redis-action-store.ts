import type { Redis } from 'ioredis';
import { type ActionStore, newActionId, type StoredAction } from '../core/action-store.js';

/** Button actions in Redis: `SET … PX` on creation, `GETDEL` on click, so each is used once. */
export function createRedisActionStore(redis: Redis, prefix: string): ActionStore {
  const key = (id: string) => `${prefix}:action:${id}`;
  return {
    async put(action: StoredAction, ttlMs: number) {
      const id = newActionId();
      await redis.set(key(id), JSON.stringify(action), 'PX', ttlMs);
      return id;
    },
    async take(id: string) {
      const raw = await redis.getdel(key(id));
      if (raw === null) return null;
      try {
        const parsed = JSON.parse(raw) as StoredAction;
        return typeof parsed.text === 'string' ? parsed : null;
      } catch {
        return null;
      }
    },
  };
}
