import { createMemoryApprovalStore } from '../../src/core/approval.js';
import { createMemoryAuditLog } from '../../src/core/audit.js';
import type { FixPolicy } from '../../src/core/command.js';

/** A fix policy kept in memory, for tests and benchmarks: no approvers unless given. */
export function memoryFixPolicy(over: Partial<FixPolicy> = {}): FixPolicy {
  return {
    approvals: createMemoryApprovalStore(),
    audit: createMemoryAuditLog(),
    approvers: [],
    groups: [],
    allowSelf: false,
    ttlMs: 15 * 60_000,
    ...over,
  };
}
