import { authRoute } from './auth-route.js';
import { classify } from './classify.js';
import { cooldowns } from './cooldowns.js';
import type { Diagnosis } from './diagnosis.js';
import { gatherFacts } from './facts.js';
import type { Observations } from './observations.js';
import { createRedactor, redactDeep } from './redact.js';

/**
 * Turns what the worker observed on a host into a redacted `Diagnosis`. Pure: no I/O, no clock.
 * Every string in the result has passed the redactor; `redactions` counts what it removed.
 */
export function diagnose(obs: Observations): Diagnosis {
  const facts = gatherFacts(obs);
  const { verdict, findings } = classify(facts);
  const unredacted: Omit<Diagnosis, 'redactions'> = {
    schemaVersion: 1,
    host: obs.host,
    openclawVersion: facts.gateway?.cliVersion ?? null,
    startedAt: obs.startedAt.toISOString(),
    durationMs: Math.round(obs.durationMs),
    verdict,
    findings,
    authRoute: authRoute(facts),
    cooldowns: cooldowns(facts),
    probes: obs.probes.map((p) => ({
      name: p.name,
      argv: [...p.argv],
      exitCode: p.exitCode,
      durationMs: Math.round(p.durationMs),
      timedOut: p.timedOut,
    })),
  };
  const redactor = createRedactor(obs.knownSecrets);
  const redacted = redactDeep(unredacted, redactor);
  return { ...redacted, redactions: redactor.count };
}
