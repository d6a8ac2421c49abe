import type { ModelChain, RoutesConfig } from './agents-config.js';
import { authRoute } from './auth-route.js';
import type { Failover, Route, RouteState } from './diagnosis.js';
import type { Facts } from './facts.js';
import { fingerprintMasked } from './fingerprint.js';
import type { LogEvent } from './log-events.js';
import { type ModelsStatus, openWindows, type ProviderAuth } from './parse/models-status.js';

/** `models status` `effective.kind` → where a credential comes from. */
export const CREDENTIAL_SOURCES: Readonly<Record<string, Route['auth']['source']>> = {
  profiles: 'profile',
  env: 'env',
  'models.json': 'config',
};

/** `openai/gpt-5` → provider and model; a ref without a provider is OpenClaw's default provider. */
export function splitRef(ref: string): { provider: string; model: string } {
  const at = ref.indexOf('/');
  return at < 0
    ? { provider: 'anthropic', model: ref }
    : { provider: ref.slice(0, at), model: ref.slice(at + 1) };
}

export const refOf = (r: Pick<Route, 'provider' | 'model'>): string => `${r.provider}/${r.model}`;

const masked = (display: string | null | undefined): string | undefined =>
  display?.includes('...') ? fingerprintMasked(display) : undefined;

/** The credential `models status` shows for a provider, as fingerprints only. */
function credentialOf(f: Facts, p: ProviderAuth | undefined, provider: string): Route['auth'] {
  if (provider === 'anthropic') {
    const r = authRoute(f);
    if (r) {
      const { source, profileId, fingerprint } = r;
      return {
        source,
        ...(profileId ? { profileId } : {}),
        ...(fingerprint ? { fingerprint } : {}),
      };
    }
  }
  const source = p ? CREDENTIAL_SOURCES[p.effectiveKind] : undefined;
  if (!p || !source) return { source: 'missing' };
  const profile = p.profileLabels[0];
  const print =
    source === 'profile'
      ? masked(profile?.display)
      : source === 'env'
        ? masked(p.env?.value)
        : masked(p.effectiveDetail);
  return {
    source,
    ...(source === 'profile' && profile ? { profileId: profile.profileId } : {}),
    ...(print ? { fingerprint: print } : {}),
  };
}

/** Providers OpenClaw knows: those it lists credentials for, those it misses, and configured ones. */
function knownProviders(models: ModelsStatus | null, config: RoutesConfig): ReadonlySet<string> {
  return new Set([
    ...(models?.providers.map((p) => p.provider) ?? []),
    ...(models?.missingProvidersInUse ?? []),
    ...(models?.routeIssues.map((i) => i.provider) ?? []),
    ...config.providers.keys(),
  ]);
}

function lastFailureOf(events: readonly LogEvent[], provider: string): Route['lastFailure'] {
  const last = events.filter((e) => e.kind === 'failure' && e.provider === provider).at(-1);
  if (!last) return null;
  return {
    label: last.label,
    text: last.text,
    at: last.time === null ? null : new Date(last.time).toISOString(),
  };
}

type StateOf = { state: RouteState; reason: string | null; until: string | null };

function stateOf(f: Facts, config: RoutesConfig, provider: string, model: string): StateOf {
  const models = f.models;
  const p = models?.providers.find((x) => x.provider === provider);
  const issue = models?.routeIssues.find(
    (i) => i.provider === provider && (i.model === model || i.model === `${provider}/${model}`),
  );
  // `missing-auth` is OpenClaw's word for a missing credential; its other issues are about the model.
  if (issue && issue.kind !== 'missing-auth')
    return { state: 'unknown_model', reason: issue.message, until: null };
  const unknownLogged = f.events.some(
    (e) => e.label === 'model_unavailable' && e.text.includes(`Unknown model: ${provider}/${model}`),
  );
  if (unknownLogged)
    return { state: 'unknown_model', reason: `Unknown model: ${provider}/${model}`, until: null };
  if (!knownProviders(models, config).has(provider))
    return {
      state: 'provider_not_configured',
      reason: `no provider "${provider}" is configured`,
      until: null,
    };
  const windows = openWindows(models, provider);
  // Another profile can still take the turn while one cools down. OpenClaw lists a provider
  // whose every profile is locked out under `missingProvidersInUse` too: the window says more.
  if (p && windows.length > 0 && windows.length >= p.profileLabels.length) {
    const soonest = windows.reduce((a, b) => ((b.until ?? Infinity) < (a.until ?? Infinity) ? b : a));
    return {
      state: windows.every((w) => w.kind === 'disabled') ? 'disabled' : 'cooldown',
      reason: soonest.reason,
      until: soonest.until === null ? null : new Date(soonest.until).toISOString(),
    };
  }
  const missing =
    !p ||
    p.effectiveKind === 'missing' ||
    p.effectiveKind === '' ||
    models?.missingProvidersInUse.includes(provider);
  if (missing || issue)
    return {
      state: 'missing_credential',
      reason: issue?.message ?? `no credential for provider "${provider}"`,
      until: null,
    };
  return { state: 'usable', reason: null, until: null };
}

/**
 * Every route of a model chain in failover order, with its credential (fingerprints only) and
 * whether it can take a turn now. Pure.
 */
export function routesOf(f: Facts, config: RoutesConfig, chain: ModelChain): Route[] {
  const refs = [chain.primary ?? f.models?.defaultModel, ...chain.fallbacks].filter(
    (r): r is string => typeof r === 'string' && r !== '',
  );
  return [...new Set(refs)].map((ref, i) => {
    const { provider, model } = splitRef(ref);
    const p = f.models?.providers.find((x) => x.provider === provider);
    return {
      provider,
      model,
      role: i === 0 ? 'primary' : 'fallback',
      auth: credentialOf(f, p, provider),
      ...stateOf(f, config, provider, model),
      lastFailure: lastFailureOf(f.events, provider),
    } satisfies Route;
  });
}

const STATE_TEXT: Readonly<Record<RouteState, string>> = {
  usable: 'usable',
  cooldown: 'in cooldown',
  disabled: 'disabled',
  missing_credential: 'no credential',
  unknown_model: 'unknown model',
  provider_not_configured: 'provider not configured',
};

/** `disabled (billing)`, `no credential`: a route's state in a few words. */
export function stateText(r: Pick<Route, 'state' | 'reason'>): string {
  const why = (r.state === 'cooldown' || r.state === 'disabled') && r.reason ? ` (${r.reason})` : '';
  return `${STATE_TEXT[r.state]}${why}`;
}

/** `is disabled (billing)`, `has no credential`: a route's state after its name in a sentence. */
function stateClause(r: Pick<Route, 'state' | 'reason'>): string {
  if (r.state === 'missing_credential') return 'has no credential';
  if (r.state === 'provider_not_configured') return 'names a provider that is not configured';
  if (r.state === 'unknown_model') return 'is a model the provider does not know';
  return `is ${stateText(r)}`;
}

/** Where traffic goes if (or while) the primary fails, in one line for a person. */
export function failoverOf(agent: string, routes: readonly Route[]): Failover | null {
  const [primary, ...fallbacks] = routes;
  if (!primary) return null;
  const usable = routes.some((r) => r.state === 'usable');
  const next = fallbacks.find((r) => r.state === 'usable') ?? fallbacks[0];
  const base = { agent, next: next ? refOf(next) : null, usable };
  if (!next)
    return {
      ...base,
      conclusion:
        primary.state === 'usable'
          ? `no fallback configured: if ${primary.provider} fails, nothing takes over`
          : `no usable route: ${refOf(primary)} ${stateClause(primary)} and no fallback is configured`,
    };
  if (!usable) return { ...base, conclusion: 'no usable fallback: every route would fail' };
  if (next.state !== 'usable')
    return {
      ...base,
      conclusion: `no usable fallback: if ${primary.provider} fails, every route would fail (${refOf(next)}: ${stateText(next)})`,
    };
  return primary.state === 'usable'
    ? { ...base, conclusion: `if ${primary.provider} fails, traffic goes to ${refOf(next)} — usable` }
    : {
        ...base,
        conclusion: `${primary.provider} ${stateClause(primary)}; traffic goes to ${refOf(next)} — usable`,
      };
}
