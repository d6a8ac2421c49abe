import { randomBytes } from 'node:crypto';
import type { RunnableFix } from './job.js';

/** A fix someone asked for, waiting for an approver. */
export type Approval = {
  readonly fix: RunnableFix;
  readonly host: string;
  /** Platform user id of the person who asked, and how they are shown. */
  readonly requestedBy: string;
  readonly requestedByName: string;
  /** The verdict the request was made on. */
  readonly verdict: string;
  readonly createdAt: number;
};

/** Who decided an approval request, when (ms since the epoch), and how. */
export type Decision = {
  readonly outcome: 'approved' | 'denied';
  /** Platform user id, and how they are shown. */
  readonly by: string;
  readonly byName: string;
  readonly at: number;
};

/** An approval request as stored: pending, or decided (kept a day, so late clicks learn who decided). */
export type ApprovalRecord = Approval & { readonly decision?: Decision };

/** How long a decided request is remembered. */
export const DECIDED_KEEP_MS = 24 * 3600_000;

/**
 * Approval requests: created with a TTL (default 15 min), read to check who may decide, and
 * decided atomically once, so twenty clicks on Approve run one fix.
 */
export interface ApprovalStore {
  create(approval: Approval, ttlMs: number): Promise<string>;
  /** The request, pending or decided; `null` when it never existed or has expired undecided. */
  get(id: string): Promise<ApprovalRecord | null>;
  /**
   * Decides a pending request. `first`: this decision is the one that counts; otherwise the
   * earlier decision comes back. `null` when the request has expired.
   */
  decide(
    id: string,
    decision: Decision,
  ): Promise<{ approval: Approval; decision: Decision; first: boolean } | null>;
  /** Takes back an approval whose fix could not be queued: pending again until its own expiry. */
  reopen(id: string, ttlMs: number): Promise<void>;
}

export const newApprovalId = (): string => `apv-${randomBytes(12).toString('base64url')}`;

export function createMemoryApprovalStore(now: () => number = Date.now): ApprovalStore {
  const items = new Map<string, { approval: Approval; decision?: Decision; expires: number }>();
  const live = (id: string) => {
    const found = items.get(id);
    return found && found.expires > now() ? found : null;
  };
  return {
    async create(approval, ttlMs) {
      const id = newApprovalId();
      items.set(id, { approval, expires: now() + ttlMs });
      return id;
    },
    async get(id) {
      const found = live(id);
      return found ? { ...found.approval, ...(found.decision ? { decision: found.decision } : {}) } : null;
    },
    async decide(id, decision) {
      const found = live(id);
      if (!found) return null;
      if (found.decision) return { approval: found.approval, decision: found.decision, first: false };
      items.set(id, { approval: found.approval, decision, expires: now() + DECIDED_KEEP_MS });
      return { approval: found.approval, decision, first: true };
    },
    async reopen(id, ttlMs) {
      const found = items.get(id);
      if (found) items.set(id, { approval: found.approval, expires: found.approval.createdAt + ttlMs });
    },
  };
}
