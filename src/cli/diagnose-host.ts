import { loadConfig } from '../config.js';
import type { Diagnosis } from '../engine/diagnosis.js';
import { createLogger } from '../logger.js';
import { createDiagnosisRunner } from '../worker/diagnosis-runner.js';
import { createSecretInventory } from '../worker/secret-inventory.js';
import type { CliIo } from './io.js';

/** Diagnoses this host for a one-shot verb, with settings from the environment. */
export async function diagnoseHost(
  io: CliIo,
  opts: { bin: string | undefined; deep: boolean; agent?: string | undefined },
): Promise<Diagnosis> {
  const config = loadConfig(io.env);
  const inventory = createSecretInventory(config.ownSecrets);
  const log = createLogger(config.logLevel, inventory);
  const run = createDiagnosisRunner({
    host: config.host,
    bin: opts.bin ?? config.openclawBin,
    env: config.probeEnv,
    probeTimeoutMs: config.probeTimeoutMs,
    log,
    inventory,
  });
  return run(
    {
      kind: 'diagnose',
      requestId: 'cli',
      host: config.host,
      replyTo: 'cli',
      requestedBy: 'cli',
      deep: opts.deep,
      ...(opts.agent ? { agent: opts.agent } : {}),
    },
    { signal: io.signal, onProgress: (p) => log.debug(p, 'probe progress') },
  );
}
