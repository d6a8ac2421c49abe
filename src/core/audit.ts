/** One line of the audit trail: who did what to which host, where, when, on which verdict. */
export type AuditEntry = {
  readonly event: 'requested' | 'approved' | 'denied' | 'refused' | 'result';
  readonly host: string;
  readonly fix: string;
  /** Platform user id (`slack:U123`). */
  readonly who: string;
  /** Where it happened (`slack:C123`). */
  readonly where: string;
  /** ISO time. */
  readonly when: string;
  readonly verdict: string;
  readonly detail: string;
};

/** Where every request, approval, denial, refusal and result is written. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** The newest entries first, for one host or all. */
  recent(host: string | null, count: number): Promise<AuditEntry[]>;
}

export function createMemoryAuditLog(): AuditLog & { readonly entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    async append(entry) {
      entries.push(entry);
    },
    async recent(host, count) {
      return entries
        .filter((e) => host === null || e.host === host)
        .slice(-count)
        .reverse();
    },
  };
}
