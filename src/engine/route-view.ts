import { agentSummaries } from './agents.js';
import { readRoutesConfig } from './agents-config.js';
import type { AgentSummary, Failover, Finding, Route } from './diagnosis.js';
import type { Facts } from './facts.js';
import { agentFindings, routeFindings } from './route-findings.js';
import { failoverOf, routesOf } from './routes.js';

/** The failover routes and agents of a diagnosis, and the findings they add. */
export type RouteView = {
  readonly routes: Route[];
  readonly failover: Failover | null;
  readonly agents: AgentSummary[];
  readonly findings: Finding[];
  /** A finding of a route that breaks traffic now: no route of the chain can take a turn. */
  readonly breaking: (f: Finding) => boolean;
};

/** Routes of the diagnosed agent (`--agent`, else the default one) and every agent's credential. Pure. */
export function routeView(f: Facts): RouteView {
  const config = readRoutesConfig(f.config);
  const agent =
    config.agents.find((a) => a.id === f.obs.agent) ??
    config.agents.find((a) => a.isDefault) ??
    config.agents[0];
  const id = f.obs.agent ?? agent?.id ?? 'main';
  // `models status` reports the chain the gateway resolved; the config says it for every agent.
  const chain =
    agent && (agent.chain.primary || agent.overridesDefault)
      ? agent.chain
      : { primary: f.models?.defaultModel ?? null, fallbacks: f.models?.fallbacks ?? [] };
  const routes = f.models ? routesOf(f, config, chain) : [];
  const agents = agentSummaries(f, config, id);
  const findings = [...routeFindings(routes), ...agentFindings(agents, id)];
  const failover = failoverOf(id, routes);
  return {
    routes,
    failover,
    agents,
    findings,
    breaking: (finding) =>
      failover?.usable === false &&
      !finding.agent &&
      routes.some((r) => r.provider === finding.provider && r.state !== 'usable'),
  };
}
