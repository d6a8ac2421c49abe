import { authRoute } from './auth-route.js';
import { classify } from './classify.js';
import { cooldowns } from './cooldowns.js';
import type { Diagnosis } from './diagnosis.js';
import { gatherFacts } from './facts.js';
import type { Observations } from './observations.js';
import { createRedactor, redactDeep } from './redact.js';
import { rankFindings } from './route-findings.js';
import { routeView } from './route-view.js';
import { eventsSince, historyEvidence } from './rules-provider.js';

/**
 * Turns what the worker observed on a host into a redacted `Diagnosis`. Pure: no I/O, no clock.
 * Every string in the result has passed the redactor; `redactions` counts what it removed.
 */
export function diagnose(obs: Observations): Diagnosis {
  const facts = gatherFacts(obs);
  const { verdict, findings } = classify(facts);
  const view = routeView(facts);
  const healthy = verdict.label === 'healthy';
  const ranked = rankFindings(findings, view.findings, healthy, view.breaking);
  // A healthy Anthropic route does not help when the agent's traffic breaks on another route.
  const elsewhere = healthy && ranked[0]?.provider ? ranked[0] : undefined;
  const unredacted: Omit<Diagnosis, 'redactions'> = {
    schemaVersion: 1,
    host: obs.host,
    openclawVersion: facts.gateway?.cliVersion ?? obs.cliVersion ?? null,
    startedAt: obs.startedAt.toISOString(),
    durationMs: Math.round(obs.durationMs),
    verdict: elsewhere
      ? {
          ...verdict,
          summary: `The Anthropic route is healthy, but traffic breaks on another route: ${elsewhere.title}.`,
        }
      : verdict,
    findings: ranked,
    authRoute: authRoute(facts),
    cooldowns: cooldowns(facts),
    probes: [...obs.probes, ...(obs.agentProbes ?? []).map((a) => a.run)].map((p) => ({
      name: p.name,
      argv: [...p.argv],
      exitCode: p.exitCode,
      durationMs: Math.round(p.durationMs),
      timedOut: p.timedOut,
    })),
    routes: view.routes,
    failover: view.failover,
    agents: view.agents,
    ...(facts.since === null
      ? {}
      : {
          since: {
            at: new Date(facts.since).toISOString(),
            ...eventsSince(facts),
            history: historyEvidence(facts),
          },
        }),
  };
  const redactor = createRedactor(obs.knownSecrets);
  const redacted = redactDeep(unredacted, redactor);
  return { ...redacted, redactions: redactor.count };
}
