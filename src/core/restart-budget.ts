/** At most `limit` restart-class fixes per host per hour, so a broken key cannot become a restart loop. */
export interface RestartBudget {
  /**
   * Spends one restart for fix `fixId` if the last hour has room; says how many were used. A fix
   * that spent one already (its job retaken by another worker) gets it again, not a second one.
   */
  take(host: string, limit: number, fixId: string): Promise<{ readonly ok: boolean; readonly used: number }>;
}

export const BUDGET_WINDOW_MS = 60 * 60_000;

export function createMemoryRestartBudget(now: () => number = Date.now): RestartBudget {
  const spent = new Map<string, { at: number; fixId: string }[]>();
  return {
    async take(host, limit, fixId) {
      const recent = (spent.get(host) ?? []).filter((t) => t.at > now() - BUDGET_WINDOW_MS);
      spent.set(host, recent);
      if (recent.some((t) => t.fixId === fixId)) return { ok: true, used: recent.length };
      const ok = recent.length < limit;
      if (ok) recent.push({ at: now(), fixId });
      return { ok, used: recent.length };
    },
  };
}
