import type { Redis } from 'ioredis';
import {
  type Approval,
  type ApprovalRecord,
  type ApprovalStore,
  DECIDED_KEEP_MS,
  type Decision,
  newApprovalId,
} from '../core/approval.js';
import type { AuditEntry, AuditLog } from '../core/audit.js';
import type { Keys } from './keys.js';

const parse = <T>(raw: string | null | undefined): T | null => {
  if (raw === null || raw === undefined) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
};

/**
 * Atomically: a pending request gets its decision (and is kept a day); a decided one returns the
 * decision made first; an expired one returns nothing.
 */
const DECIDE = `
local a = redis.call('GET', KEYS[1])
if not a then return nil end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {a, ARGV[1], 1}
end
return {a, redis.call('GET', KEYS[2]), 0}
`;

/** Approval requests in Redis: the request with its TTL, and its decision set once (`SET NX`). */
export function createRedisApprovalStore(redis: Redis, keys: Keys): ApprovalStore {
  return {
    async create(approval, ttlMs) {
      const id = newApprovalId();
      await redis.set(keys.approval(id), JSON.stringify(approval), 'PX', ttlMs);
      return id;
    },
    async get(id) {
      const [approval, decision] = await redis.mget(keys.approval(id), keys.approvalDecision(id));
      const found = parse<Approval>(approval);
      if (!found) return null;
      const decided = parse<Decision>(decision);
      return (decided ? { ...found, decision: decided } : found) as ApprovalRecord;
    },
    async decide(id, decision) {
      const out = (await redis.eval(
        DECIDE,
        2,
        keys.approval(id),
        keys.approvalDecision(id),
        JSON.stringify(decision),
        DECIDED_KEEP_MS,
      )) as [string, string, number] | null;
      const approval = parse<Approval>(out?.[0]);
      const made = parse<Decision>(out?.[1]);
      return approval && made ? { approval, decision: made, first: out?.[2] === 1 } : null;
    },
    async reopen(id, ttlMs) {
      const approval = parse<Approval>(await redis.get(keys.approval(id)));
      if (!approval) return;
      const left = approval.createdAt + ttlMs - Date.now();
      await redis.multi().del(keys.approvalDecision(id)).pexpire(keys.approval(id), Math.max(1, left)).exec();
    },
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
