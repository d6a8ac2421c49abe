import type { Candidate, Rule } from './candidate.js';
import type { Evidence } from './diagnosis.js';
import type { Facts } from './facts.js';
import { fingerprint, fingerprintMasked } from './fingerprint.js';
import { anthropicAuth } from './rules-auth.js';

/** Variables OpenClaw or the Anthropic SDK read for the direct Anthropic provider. */
export const ANTHROPIC_KEY_VARS = ['ANTHROPIC_OAUTH_TOKEN', 'ANTHROPIC_API_KEY'] as const;
const AUTH_TOKEN_VAR = 'ANTHROPIC_AUTH_TOKEN';
const BASE_URL_VAR = 'ANTHROPIC_BASE_URL';

/** The last characters a mask (`sk-ant-a...key-0000`) reveals, to compare a key against it. */
const maskTail = (masked: string): string => masked.split('...')[1] ?? '';

type EnvFinding = { readonly text: string; readonly effective: boolean; readonly fromGateway: boolean };

function profileTails(f: Facts): string[] {
  return (anthropicAuth(f)?.profileLabels ?? []).map((l) => maskTail(l.display)).filter(Boolean);
}

/** What the gateway's own process environment says (read from /proc on the worker). */
function gatewayEnvFindings(f: Facts): EnvFinding[] {
  const vars = f.obs.gatewayEnv?.vars;
  if (!vars) return [];
  const out: EnvFinding[] = [];
  const tails = profileTails(f);
  const effectiveIsEnv = anthropicAuth(f)?.effectiveKind === 'env';
  for (const name of ANTHROPIC_KEY_VARS) {
    const value = vars[name];
    if (!value) continue;
    const matches = tails.some((t) => value.endsWith(t));
    if (tails.length > 0 && !matches) {
      out.push({
        text: `gateway process has ${name} (${fingerprint(value)}), which differs from the stored profile (${tails.map((t) => `…${t.slice(-4)}`).join(', ')})`,
        effective: effectiveIsEnv,
        fromGateway: true,
      });
    } else if (tails.length === 0 && effectiveIsEnv) {
      out.push({
        text: `gateway process supplies the Anthropic credential from ${name} (${fingerprint(value)})`,
        effective: true,
        fromGateway: true,
      });
    }
  }
  if (vars[AUTH_TOKEN_VAR]) {
    out.push({
      text: `gateway process has ${AUTH_TOKEN_VAR} (${fingerprint(vars[AUTH_TOKEN_VAR])}): the Anthropic SDK may send it as a second Authorization header`,
      effective: false,
      fromGateway: true,
    });
  }
  const baseUrl = vars[BASE_URL_VAR];
  if (baseUrl && baseUrl !== f.configBaseUrl) {
    const config = f.configBaseUrl ? `the config's ${f.configBaseUrl}` : "the provider's built-in URL";
    out.push({
      text: `gateway process has ${BASE_URL_VAR}=${baseUrl}, but requests go to ${config}: OpenClaw ignores the variable`,
      effective: false,
      fromGateway: true,
    });
  }
  return out;
}

/** What `models status` says about env credentials; it reflects the environment the CLI ran in. */
function cliEnvFindings(f: Facts): EnvFinding[] {
  const p = anthropicAuth(f);
  if (!p?.env) return [];
  const tails = profileTails(f);
  const envTail = maskTail(p.env.value);
  if (p.effectiveKind === 'profiles' && tails.length > 0 && envTail && !tails.includes(envTail)) {
    return [
      {
        text: `models status: anthropic uses the stored profile (${fingerprintMasked(p.profileLabels[0]?.display ?? '')}) while ${p.env.source} holds a different key (${fingerprintMasked(p.env.value)})`,
        effective: false,
        fromGateway: false,
      },
    ];
  }
  if (p.effectiveKind === 'env' && tails.length > 0) {
    return [
      {
        text: `models status: anthropic takes its key from ${p.env.source} (${fingerprintMasked(p.env.value)}) over ${tails.length} stored profile(s)`,
        effective: true,
        fromGateway: false,
      },
    ];
  }
  return [];
}

function envCandidate(f: Facts, effective: boolean): Candidate | null {
  const all = [...gatewayEnvFindings(f), ...cliEnvFindings(f)];
  if (all.length === 0 || all.some((x) => x.effective) !== effective) return null;
  const fromGateway = all.some((x) => x.fromGateway);
  const evidence: Evidence[] = all.map((x) => ({
    source: x.fromGateway ? 'gateway-env' : 'models-status',
    text: x.text,
  }));
  const summary = effective
    ? 'The gateway takes its Anthropic credential from an environment variable instead of the configured profile; remove the variable from the service environment and restart.'
    : `A stale ANTHROPIC_* variable ${fromGateway ? 'in the gateway environment' : 'in the environment OpenClaw runs in'} contradicts the configured credential or endpoint. It is not what the gateway uses today, but it is what it will use when the profile goes away; remove it.`;
  return { label: 'env_override', confidence: fromGateway ? 'high' : 'medium', evidence, summary };
}

/** An env variable is the credential actually in use, shadowing the configured one: a root cause. */
export const envOverrideEffective: Rule = (f) => envCandidate(f, true);

/** An env variable contradicts the configured credential or endpoint but is not used: a latent fault. */
export const envOverrideShadowed: Rule = (f) => envCandidate(f, false);
