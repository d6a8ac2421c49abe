import type { RoutesConfig } from './agents-config.js';
import type { AgentSummary } from './diagnosis.js';
import type { Facts } from './facts.js';
import type { ModelsStatus } from './parse/models-status.js';
import { parseModelsStatusJson } from './parse/models-status.js';
import { CREDENTIAL_SOURCES, splitRef } from './routes.js';

/** Whether `models status` shows a credential for the provider (a locked-out one still counts). */
export function credentialFor(models: ModelsStatus | null, provider: string): AgentSummary['credential'] {
  if (!models) return 'unknown';
  const p = models.providers.find((x) => x.provider === provider);
  const kind = p ? CREDENTIAL_SOURCES[p.effectiveKind] : undefined;
  const lockedOut = models.unusable.some((u) => u.provider === provider);
  if (!kind || (models.missingProvidersInUse.includes(provider) && !lockedOut)) return 'missing';
  return kind;
}

/**
 * Every configured agent with the credential it has for its primary route: the diagnosed agent
 * from its own `models status`, the others from `models status --agent <id>`.
 */
export function agentSummaries(f: Facts, config: RoutesConfig, diagnosed: string): AgentSummary[] {
  return config.agents.map((a) => {
    const primary = a.chain.primary ?? (a.id === diagnosed ? f.models?.defaultModel : null) ?? null;
    const run = f.obs.agentProbes?.find((p) => p.agent === a.id)?.run;
    const models =
      a.id === diagnosed ? f.models : run && run.exitCode === 0 ? parseModelsStatusJson(run.stdout) : null;
    return {
      id: a.id,
      isDefault: a.isDefault,
      primary,
      credential: primary ? credentialFor(models, splitRef(primary).provider) : 'unknown',
    };
  });
}
