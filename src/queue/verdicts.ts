import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { LastVerdict, VerdictStore } from '../core/fleet.js';
import { LabelSchema } from '../engine/diagnosis.js';
import type { Keys } from './keys.js';

const LastVerdictSchema = z.object({ label: LabelSchema, at: z.number() });

function parse(raw: string): LastVerdict | null {
  try {
    const parsed = LastVerdictSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Each host's latest verdict in one Redis hash, shared by every bot; unreadable entries are skipped. */
export function createRedisVerdictStore(redis: Redis, keys: Keys): VerdictStore {
  return {
    async record(host, verdict) {
      await redis.hset(keys.verdicts, host, JSON.stringify(verdict));
    },
    async all() {
      const out = new Map<string, LastVerdict>();
      for (const [host, raw] of Object.entries(await redis.hgetall(keys.verdicts))) {
        const verdict = parse(raw);
        if (verdict) out.set(host, verdict);
      }
      return out;
    },
  };
}
