import type { DiagnosisRunner } from '../core/transport.js';
import { diagnose } from '../engine/diagnose.js';
import { createLogger } from '../logger.js';
import { collect } from '../probes/collect.js';

export type RunnerOptions = {
  /** This worker's host: every diagnosis is of this machine, whatever a job says. */
  readonly host: string;
  readonly bin: string;
  readonly env: Readonly<Record<string, string>>;
  readonly probeTimeoutMs?: number | undefined;
  readonly logLevel: string;
};

/**
 * Probes this host and runs the engine: the same path for the one-shot CLI, the in-process
 * worker of `clawops dev` and the BullMQ worker. Logs one line per diagnosis through a logger
 * that knows this host's secrets, so none of them reaches the log.
 */
export function createDiagnosisRunner(opts: RunnerOptions): DiagnosisRunner {
  return async (job, { signal, onProgress }) => {
    createLogger(opts.logLevel).debug(
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
    });
    const diagnosis = diagnose(obs);
    createLogger(opts.logLevel, obs.knownSecrets).info(
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
    return diagnosis;
  };
}
