import type { Redis } from 'ioredis';
import { type ActionStore, newActionId, type StoredAction, type TextAction } from '../core/action-store.js';
import { keysFor } from './keys.js';

/** Returns the action, deleting it unless it is reusable: one round trip, no race between two clicks. */
const TAKE = `
local v = redis.call('GET', KEYS[1])
if v and not string.find(v, '"reusable":true', 1, true) then redis.call('DEL', KEYS[1]) end
return v
`;

/** Button actions in Redis: `SET … PX` on creation, taken atomically on click, so a single-use one runs once. */
export function createRedisActionStore(redis: Redis, prefix: string): ActionStore {
  const key = keysFor(prefix).action;
  return {
    async put(action: StoredAction, ttlMs: number) {
      const id = newActionId();
      await redis.set(key(id), JSON.stringify(action), 'PX', ttlMs);
      return id;
    },
    async take(id: string) {
      const raw = (await redis.eval(TAKE, 1, key(id))) as string | null;
      return raw === null ? null : readAction(raw);
    },
  };
}

const isWords = (args: unknown): args is Record<string, string> =>
  typeof args === 'object' &&
  args !== null &&
  !Array.isArray(args) &&
  Object.values(args).every((v) => typeof v === 'string');

/** A stored action as written now (`command`, `args`), or as older bots wrote it (`text`). */
function readAction(raw: string): StoredAction | TextAction | null {
  try {
    const parsed = JSON.parse(raw) as Partial<StoredAction & TextAction>;
    if (typeof parsed.command === 'string' && isWords(parsed.args)) return parsed as StoredAction;
    return typeof parsed.text === 'string' ? (parsed as TextAction) : null;
  } catch {
    return null;
  }
}
