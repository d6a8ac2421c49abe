import type { ActionStore } from './action-store.js';
import type { AlertRefStore } from './alert-delivery.js';
import type { ApprovalStore } from './approval.js';
import type { AuditLog } from './audit.js';
import type { PendingStore } from './pending.js';
import type { DiagnosisTransport } from './transport.js';

/** What a bot needs besides its chat platforms: the workers, and where buttons, approvals and the audit trail live. */
export type BotParts = DiagnosisTransport & {
  readonly actions: ActionStore;
  readonly approvals: ApprovalStore;
  readonly audit: AuditLog;
  /** Where cooldown alert messages are, per episode. */
  readonly alertRefs: AlertRefStore;
  /** Requests waiting for their answer, for a bot that answers them after this one (Redis only). */
  readonly pending?: PendingStore;
};
