import type { AuthRoute } from './diagnosis.js';
import type { Facts } from './facts.js';
import { fingerprint, fingerprintMasked } from './fingerprint.js';
import { ANTHROPIC_KEY_VARS } from './rules-env.js';

const SOURCES: Readonly<Record<string, AuthRoute['source']>> = {
  profiles: 'profile',
  env: 'env',
  'models.json': 'config',
  missing: 'missing',
};

/** A fingerprint for a masked value, or none when the display is not a key (`OAuth (me@x)`). */
const maskPrint = (display: string): string | undefined =>
  display.includes('...') ? fingerprintMasked(display) : undefined;

/**
 * Which credential the gateway uses for Anthropic, what it shadows, and fingerprints instead of
 * keys. `null` when `models status` could not be read.
 */
export function authRoute(f: Facts): AuthRoute | null {
  if (!f.models) return null;
  const p = f.models.providers.find((x) => x.provider === 'anthropic');
  if (!p) return { provider: 'anthropic', source: 'missing', shadowed: [] };
  const source = SOURCES[p.effectiveKind] ?? 'missing';
  const gatewayVars = f.obs.gatewayEnv?.vars ?? {};
  const envVar = ANTHROPIC_KEY_VARS.find((v) => gatewayVars[v]);
  const envValue = envVar ? gatewayVars[envVar] : undefined;
  const profile = p.profileLabels[0];
  const shadowed: AuthRoute['shadowed'] = [];
  if (source !== 'env') {
    if (envVar && envValue) shadowed.push({ source: `env:${envVar}`, fingerprint: fingerprint(envValue) });
    else if (p.env) {
      const name = p.env.source.replace(/^.*?:\s*/, '');
      const print = maskPrint(p.env.value);
      shadowed.push(print ? { source: `env:${name}`, fingerprint: print } : { source: `env:${name}` });
    }
  } else if (profile) {
    const print = maskPrint(profile.display);
    shadowed.push(
      print
        ? { source: `profile:${profile.profileId}`, fingerprint: print }
        : { source: `profile:${profile.profileId}` },
    );
  }
  const route: AuthRoute = { provider: 'anthropic', source, shadowed };
  if (source === 'profile' && profile) {
    const print = maskPrint(profile.display);
    return print
      ? { ...route, profileId: profile.profileId, fingerprint: print }
      : { ...route, profileId: profile.profileId };
  }
  if (source === 'env') {
    const print = envValue ? fingerprint(envValue) : p.env ? maskPrint(p.env.value) : undefined;
    return print ? { ...route, fingerprint: print } : route;
  }
  return route;
}
