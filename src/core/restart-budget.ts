/** At most `limit` restart-class fixes per host per hour, so a broken key cannot become a restart loop. */
export interface RestartBudget {
  /** Spends one restart if the last hour has room; says how many were used. */
  take(host: string, limit: number): Promise<{ readonly ok: boolean; readonly used: number }>;
}

export const BUDGET_WINDOW_MS = 60 * 60_000;

export function createMemoryRestartBudget(now: () => number = Date.now): RestartBudget {
  const spent = new Map<string, number[]>();
  return {
    async take(host, limit) {
      const recent = (spent.get(host) ?? []).filter((t) => t > now() - BUDGET_WINDOW_MS);
      const ok = recent.length < limit;
      if (ok) recent.push(now());
      spent.set(host, recent);
      return { ok, used: recent.length };
    },
  };
}
