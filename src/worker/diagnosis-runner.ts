import type { DiagnosisRunner } from '../core/transport.js';
import { diagnose } from '../engine/diagnose.js';
import type { Logger } from '../logger.js';
import { collect } from '../probes/collect.js';
import { type FixSetup, offeredFixes } from './fix-catalogue.js';
import { createSecretInventory, type SecretInventory } from './secret-inventory.js';

export type RunnerOptions = {
  /** This worker's host: every diagnosis is of this machine, whatever a job says. */
  readonly host: string;
  readonly bin: string;
  readonly env: Readonly<Record<string, string>>;
  readonly probeTimeoutMs?: number | undefined;
  /** The process's logger; on a gateway host it redacts with the host's secret inventory. */
  readonly log: Logger;
  /** The host's secrets: removed from every diagnosis, and grown by what each one finds. */
  readonly inventory?: SecretInventory;
  /** How this host runs fixes: its verdicts then offer only the fixes it can run. */
  readonly setup?: Promise<FixSetup>;
};

/**
 * Probes this host and runs the engine: the same path for the one-shot CLI, the in-process
 * worker of `clawops dev` and the BullMQ worker. Logs one line per diagnosis through a logger
 * that knows this host's secrets, so none of them reaches the log.
 */
export function createDiagnosisRunner(opts: RunnerOptions): DiagnosisRunner {
  const inventory = opts.inventory ?? createSecretInventory();
  const { log } = opts;
  return async (job, { signal, onProgress, since }) => {
    log.debug(
      { bin: opts.bin, host: opts.host, deep: job.deep, requestId: job.requestId },
      'diagnosis started',
    );
    const obs = await collect({
      host: opts.host,
      bin: opts.bin,
      env: opts.env,
      timeoutMs: opts.probeTimeoutMs,
      deep: job.deep,
      agent: job.agent,
      signal,
      onProgress,
      knownSecrets: inventory.values(),
    });
    inventory.add(obs.knownSecrets);
    const diagnosis = diagnose(since ? { ...obs, since } : obs);
    log.info(
      {
        requestId: job.requestId,
        label: diagnosis.verdict.label,
        cause: diagnosis.verdict.cause,
        durationMs: diagnosis.durationMs,
        redactions: diagnosis.redactions,
        notes: obs.notes,
      },
      'diagnosis finished',
    );
    return opts.setup ? offeredFixes(diagnosis, await opts.setup) : diagnosis;
  };
}
