import { reasonLabel } from './cooldown-cause.js';
import type { AgentSummary, Finding, Label, Route, RouteState } from './diagnosis.js';
import type { FixId } from './fixes.js';
import { refOf, splitRef, stateText } from './routes.js';

const STATE_LABELS: Readonly<Record<Exclude<RouteState, 'usable'>, Label>> = {
  cooldown: 'cooldown',
  disabled: 'cooldown',
  missing_credential: 'missing_auth',
  unknown_model: 'model_unavailable',
  provider_not_configured: 'model_unavailable',
};

const STATE_FIXES: Readonly<Record<Exclude<RouteState, 'usable'>, readonly FixId[]>> = {
  cooldown: [],
  disabled: [],
  missing_credential: ['add-provider-key'],
  unknown_model: ['fix-model-id'],
  provider_not_configured: ['fix-model-id'],
};

const title = (s: string): string => `${s.slice(0, 1).toUpperCase()}${s.slice(1)}`;

/**
 * A finding for each route other than the Anthropic one that cannot take a turn. A disabled
 * route's label is its reason's (billing) when it has one.
 */
export function routeFindings(routes: readonly Route[]): Finding[] {
  return routes.flatMap((r) => {
    if (r.state === 'usable' || r.provider === 'anthropic') return [];
    const byReason = r.state === 'disabled' ? reasonLabel(r.reason) : undefined;
    const evidence = [
      {
        source: 'models-status',
        text: `${refOf(r)} (${r.role}): ${stateText(r)}${r.until ? ` until ${r.until}` : ''}${r.reason && r.state !== 'cooldown' && r.state !== 'disabled' ? `; ${r.reason}` : ''}`,
      },
    ];
    if (r.lastFailure)
      evidence.push({
        source: 'logs',
        text: `${r.lastFailure.at ?? ''} last failure: ${r.lastFailure.text}`.trim(),
      });
    if (r.state === 'missing_credential')
      evidence.push({
        source: 'clawops',
        text: `give it one: openclaw models auth paste-api-key --provider ${r.provider}`,
      });
    return [
      {
        label: byReason ?? STATE_LABELS[r.state],
        title: `${title(r.role)} ${refOf(r)}: ${stateText(r)}`,
        evidence,
        fixes: [...STATE_FIXES[r.state]],
        provider: r.provider,
      },
    ];
  });
}

/**
 * "agent work has no Anthropic credential, the main agent does", with the command that gives it
 * one, for every agent but the diagnosed one (whose own gap is the verdict's).
 */
export function agentFindings(agents: readonly AgentSummary[], diagnosed: string): Finding[] {
  return agents.flatMap((a) => {
    if (a.id === diagnosed || a.credential !== 'missing' || !a.primary) return [];
    const { provider } = splitRef(a.primary);
    const name = provider === 'anthropic' ? 'Anthropic' : provider;
    const donor = agents.find(
      (o) =>
        o.id !== a.id &&
        o.primary &&
        splitRef(o.primary).provider === provider &&
        o.credential !== 'missing' &&
        o.credential !== 'unknown',
    );
    const command = `openclaw models auth paste-api-key --provider ${provider} --agent ${a.id}`;
    return [
      {
        label: 'missing_auth',
        title: `Agent ${a.id} has no ${name} credential${donor ? `, the ${donor.id} agent does` : ''}`,
        evidence: [
          {
            source: 'models-status',
            text: `models status --agent ${a.id}: no credential for ${provider} (primary ${a.primary})`,
          },
          { source: 'clawops', text: `give it one: ${command}` },
        ],
        fixes: ['add-agent-auth'],
        provider,
        agent: a.id,
      },
    ];
  });
}

/**
 * Findings of other routes and agents go below the Anthropic verdict's, unless the Anthropic
 * route is healthy and one of them is what breaks traffic now (`breaking`).
 */
export function rankFindings(
  anthropic: readonly Finding[],
  extra: readonly Finding[],
  healthy: boolean,
  breaking: (f: Finding) => boolean,
): Finding[] {
  if (!healthy) return [...anthropic, ...extra];
  const first = extra.filter(breaking);
  return [...first, ...anthropic, ...extra.filter((f) => !first.includes(f))];
}
