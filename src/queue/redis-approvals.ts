import type { Redis } from 'ioredis';
import { type Approval, type ApprovalStore, newApprovalId } from '../core/approval.js';
import type { AuditEntry, AuditLog } from '../core/audit.js';
import type { Keys } from './keys.js';

const parse = (raw: string | null): Approval | null => {
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as Approval;
  } catch {
    return null;
  }
};

/** Pending approvals in Redis: `SET … PX` to create, `GETDEL` to consume, so only one click wins. */
export function createRedisApprovalStore(redis: Redis, keys: Keys): ApprovalStore {
  return {
    async create(approval, ttlMs) {
      const id = newApprovalId();
      await redis.set(keys.approval(id), JSON.stringify(approval), 'PX', ttlMs);
      return id;
    },
    get: async (id) => parse(await redis.get(keys.approval(id))),
    consume: async (id) => parse(await redis.getdel(keys.approval(id))),
  };
}

/** The audit trail as a Redis stream (the newest 10 000 entries), one field per entry field. */
export function createRedisAuditLog(redis: Redis, keys: Keys): AuditLog {
  return {
    async append(entry) {
      await redis.xadd(keys.audit, 'MAXLEN', '~', '10000', '*', ...Object.entries(entry).flat());
    },
    async recent(host, count) {
      const rows = await redis.xrevrange(keys.audit, '+', '-', 'COUNT', host ? count * 20 : count);
      const entries = rows.map(([, fields]) => {
        const e: Record<string, string> = {};
        for (let i = 0; i + 1 < fields.length; i += 2) e[fields[i] as string] = fields[i + 1] as string;
        return e as unknown as AuditEntry;
      });
      return entries.filter((e) => host === null || e.host === host).slice(0, count);
    },
  };
}
