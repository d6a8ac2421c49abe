import { credentialFor } from './agents.js';
import { type ModelsStatus, openWindows } from './parse/models-status.js';
import { splitRef } from './routes.js';

/** One route of the default agent's chain as the cooldown watcher sees it: can it take a turn? */
export type ChainRoute = { readonly route: string; readonly provider: string; readonly usable: boolean };

/**
 * The default model and its fallbacks from `models status`, in failover order, each usable
 * when its provider has a credential and not every profile of it is cooling down or disabled.
 */
export function failoverChain(status: ModelsStatus): ChainRoute[] {
  const refs = [status.defaultModel, ...status.fallbacks].filter((r): r is string => !!r);
  return [...new Set(refs)].map((route) => {
    const { provider } = splitRef(route);
    const profiles = status.providers.find((p) => p.provider === provider)?.profileLabels.length ?? 0;
    const locked = openWindows(status, provider).length;
    const credential = credentialFor(status, provider);
    const usable =
      credential !== 'missing' && credential !== 'unknown' && (locked === 0 || locked < profiles);
    return { route, provider, usable };
  });
}

/** Where traffic goes while `provider` cools down: the first usable other route, else the first other one. */
export function fallbackFor(
  chain: readonly ChainRoute[],
  provider: string,
): { route: string; usable: boolean } | null {
  const others = chain.filter((r) => r.provider !== provider);
  const next = others.find((r) => r.usable) ?? others[0];
  return next ? { route: next.route, usable: next.usable } : null;
}
