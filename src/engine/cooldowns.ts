import { routeEvents } from './candidate.js';
import type { Cooldown } from './diagnosis.js';
import type { Facts } from './facts.js';

/**
 * Cooldown and disabled windows: from `models status` when it lists them, else the windows the
 * log shows opening that had not ended when the run started.
 */
export function cooldowns(f: Facts): Cooldown[] {
  const listed = f.models?.unusable ?? [];
  if (listed.length > 0) {
    return listed.map((u) => ({
      profileId: u.profileId,
      provider: u.provider,
      kind: u.kind,
      reason: u.reason,
      until: u.until ? new Date(u.until).toISOString() : null,
      remainingMs: u.remainingMs,
    }));
  }
  const open = new Map<string, Cooldown>();
  for (const e of routeEvents(f, 'cooldown-set')) {
    const until = e.window?.until ?? null;
    if (!e.window || until === null || until <= f.referenceTime) continue;
    const provider = e.provider ?? 'anthropic';
    open.set(provider, {
      profileId: `${provider} (profile id hashed in the log)`,
      provider,
      kind: e.window.type,
      reason: e.window.reason,
      until: new Date(until).toISOString(),
      remainingMs: until - f.referenceTime,
    });
  }
  return [...open.values()];
}
