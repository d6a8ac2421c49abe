import { loadConfig } from '../config.js';
import { diagnose } from '../engine/diagnose.js';
import type { Diagnosis } from '../engine/diagnosis.js';
import { createLogger } from '../logger.js';
import { collect } from '../probes/collect.js';
import type { CliIo } from './io.js';

/**
 * Diagnoses this host for a one-shot verb: settings from the environment, probes, engine, and
 * one structured log line about the result (through a logger that knows the host's secrets).
 */
export async function diagnoseHost(
  io: CliIo,
  opts: { bin: string | undefined; deep: boolean },
): Promise<Diagnosis> {
  const config = loadConfig(io.env);
  const log = createLogger(config.logLevel);
  const bin = opts.bin ?? config.openclawBin;
  log.debug({ bin, host: config.host, deep: opts.deep }, 'diagnosis started');
  const obs = await collect({
    host: config.host,
    bin,
    env: config.probeEnv,
    timeoutMs: config.probeTimeoutMs,
    deep: opts.deep,
    signal: io.signal,
    onProgress: (p) => log.debug(p, 'probe progress'),
  });
  const diagnosis = diagnose(obs);
  createLogger(config.logLevel, obs.knownSecrets).info(
    {
      label: diagnosis.verdict.label,
      cause: diagnosis.verdict.cause,
      durationMs: diagnosis.durationMs,
      redactions: diagnosis.redactions,
      notes: obs.notes,
    },
    'diagnosis finished',
  );
  return diagnosis;
}
