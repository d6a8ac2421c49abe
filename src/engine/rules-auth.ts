import type { Rule } from './candidate.js';
import { clock, eventEvidence, routeEvents } from './candidate.js';
import type { Evidence } from './diagnosis.js';
import type { Facts } from './facts.js';
import type { ProviderAuth } from './parse/models-status.js';

const ANTHROPIC = 'anthropic';

export function anthropicAuth(f: Facts): ProviderAuth | undefined {
  return f.models?.providers.find((p) => p.provider === ANTHROPIC);
}

/** Whether models status shows a credential for anthropic (usable or not). */
function hasAnthropicCredential(f: Facts): boolean {
  const p = anthropicAuth(f);
  return p !== undefined && p.effectiveKind !== 'missing' && p.effectiveKind !== '';
}

/** The default model names another provider (`openrouter/anthropic/…`) on a direct Anthropic setup. */
export const wrongProvider: Rule = (f) => {
  const model = f.models?.defaultModel ?? null;
  const provider = model?.split('/')[0];
  const logged = routeEvents(f, 'failure').filter(
    (e) => e.label === 'model_unavailable' && /No API key found for provider "/.test(e.text),
  );
  if (!model || !provider || provider === ANTHROPIC) return null;
  const unresolved =
    f.models?.missingProvidersInUse.includes(provider) ||
    f.models?.routeIssues.some((i) => i.provider === provider) ||
    logged.length > 0;
  if (!unresolved || !hasAnthropicCredential(f)) return null;
  const evidence: Evidence[] = [
    {
      source: 'models-status',
      text: `default model ${model} routes to provider "${provider}", which has no credential`,
    },
    {
      source: 'models-status',
      text: `Anthropic credentials exist (${anthropicAuth(f)?.effectiveKind}); an Anthropic model id starts with "anthropic/"`,
    },
  ];
  const last = logged.at(-1);
  if (last) evidence.push(eventEvidence(last));
  return {
    label: 'model_unavailable',
    confidence: 'high',
    evidence,
    summary: `The default model ${model} sends turns to provider "${provider}", not to Anthropic, so the agent reports a missing "${provider}" key. The model id is wrong, not the Anthropic auth.`,
  };
};

/** An Anthropic OAuth profile expired or could not be refreshed, and no other profile can take over. */
export const oauthRefresh: Rule = (f) => {
  const anthropicProfiles = f.models?.oauthProfiles.filter((p) => p.provider === ANTHROPIC) ?? [];
  const expired = anthropicProfiles.filter(
    (p) => (p.type === 'oauth' || p.type === 'token') && (p.status === 'expired' || p.status === 'missing'),
  );
  const usable = anthropicProfiles.filter(
    (p) => p.status === 'ok' || p.status === 'static' || p.status === 'expiring',
  );
  const logged = routeEvents(f, 'failure').filter((e) => e.label === 'oauth_refresh_failed');
  if ((expired.length === 0 || usable.length > 0) && logged.length === 0) return null;
  const evidence: Evidence[] = expired.map((p) => ({
    source: 'models-status',
    text: `${p.profileId} (${p.type}) ${p.status}${p.reasonCode ? ` [${p.reasonCode}]` : ''}`,
  }));
  const last = logged.at(-1);
  if (last) evidence.push(eventEvidence(last));
  const reported = routeEvents(f, 'failure')
    .filter((e) => e.label === 'missing_auth')
    .at(-1);
  if (reported)
    evidence.push({
      ...eventEvidence(reported),
      text: `${eventEvidence(reported).text} (same words as missing auth; the cause is the expired login)`,
    });
  const ids = expired.map((p) => p.profileId).join(', ') || 'the Anthropic OAuth profile';
  return {
    label: 'oauth_refresh_failed',
    confidence: expired.length > 0 ? 'high' : 'medium',
    evidence,
    summary: `The Anthropic OAuth login ${ids} has expired and could not be refreshed. The agent says "No API key found", but the fix is a new login, not a new key.`,
  };
};

/** No Anthropic credential reaches the agent at all. */
export const missingAuth: Rule = (f) => {
  const models = f.models;
  const logged = routeEvents(f, 'failure').filter((e) => e.label === 'missing_auth');
  const provider = anthropicAuth(f);
  const explained =
    (models?.unusable.some((u) => u.provider === ANTHROPIC) ?? false) ||
    (models?.oauthProfiles.some((p) => p.provider === ANTHROPIC) ?? false);
  const defaultIsAnthropic = (models?.defaultModel ?? 'anthropic/').startsWith(`${ANTHROPIC}/`);
  const modelsSaysMissing =
    models !== null &&
    defaultIsAnthropic &&
    !explained &&
    (provider === undefined ||
      provider.effectiveKind === 'missing' ||
      models.missingProvidersInUse.includes(ANTHROPIC));
  if (
    !modelsSaysMissing &&
    (logged.length === 0 || explained || (provider && provider.effectiveKind !== 'missing'))
  ) {
    return null;
  }
  const evidence: Evidence[] = [];
  if (modelsSaysMissing) {
    evidence.push({
      source: 'models-status',
      text: provider
        ? `anthropic effective=${provider.effectiveKind || 'missing'}${models?.missingProvidersInUse.includes(ANTHROPIC) ? '; anthropic is in missingProvidersInUse' : ''}`
        : 'no credential of any kind for provider anthropic (no profile, no env, no config key)',
    });
    for (const issue of models?.routeIssues.filter((i) => i.provider === ANTHROPIC).slice(0, 1) ?? []) {
      evidence.push({ source: 'models-status', text: issue.message });
    }
  }
  const last = logged.at(-1);
  if (last) evidence.push(eventEvidence(last));
  return {
    label: 'missing_auth',
    confidence: modelsSaysMissing && logged.length > 0 ? 'high' : 'medium',
    evidence,
    summary: `This agent has no Anthropic credential${last ? ` (last refusal at ${clock(last.time)})` : ''}. Add one with \`openclaw models auth login --provider anthropic\`; after an upgrade, \`openclaw doctor --fix\` imports the old profiles.`,
  };
};
