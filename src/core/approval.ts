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

/**
 * Pending approvals: created with a TTL (default 15 min), read to check who may decide, and
 * consumed atomically once, so twenty clicks on Approve run one fix.
 */
export interface ApprovalStore {
  create(approval: Approval, ttlMs: number): Promise<string>;
  get(id: string): Promise<Approval | null>;
  /** Takes the approval away; `null` when it was decided already or has expired. */
  consume(id: string): Promise<Approval | null>;
}

export const newApprovalId = (): string => `apv-${randomBytes(12).toString('base64url')}`;

export function createMemoryApprovalStore(now: () => number = Date.now): ApprovalStore {
  const items = new Map<string, { approval: Approval; expires: number }>();
  const live = (id: string) => {
    const found = items.get(id);
    return found && found.expires > now() ? found.approval : null;
  };
  return {
    async create(approval, ttlMs) {
      const id = newApprovalId();
      items.set(id, { approval, expires: now() + ttlMs });
      return id;
    },
    async get(id) {
      return live(id);
    },
    async consume(id) {
      const found = live(id);
      items.delete(id);
      return found;
    },
  };
}
