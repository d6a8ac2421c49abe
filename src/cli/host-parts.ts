import type { Config } from '../config.js';
import type { RestartBudget } from '../core/restart-budget.js';
import type { DiagnosisRunner, FixRunner } from '../core/transport.js';
import { createLogger } from '../logger.js';
import { readOpenclawVersion } from '../probes/openclaw-version.js';
import { runCommand } from '../probes/run-probe.js';
import { type BullWorker, startBullWorker } from '../queue/bull-worker.js';
import { createDiagnosisRunner } from '../worker/diagnosis-runner.js';
import { type FixSetup, offeredFixes } from '../worker/fix-catalogue.js';
import { createFixRunner } from '../worker/fix-runner.js';
import { clawopsVersion } from './version.js';

/** A fix's command gets this long; a gateway restart can take a minute on a busy host. */
const FIX_TIMEOUT_MS = 180_000;
const setups = new WeakMap<Config, Promise<FixSetup>>();

/** How this host runs fixes: the restart method configured, and whether OpenClaw can clear a cooldown. */
export function hostSetup(config: Config): Promise<FixSetup> {
  const known = setups.get(config);
  if (known) return known;
  const restart =
    config.restart.method === 'systemd'
      ? ({ kind: 'systemd', unit: config.restart.unit } as const)
      : config.restart.method === 'compose'
        ? ({ kind: 'compose', service: config.restart.service, file: config.restart.file } as const)
        : ({ kind: 'openclaw' } as const);
  const setup = runCommand(config.openclawBin, ['models', 'auth', '--help'], {
    timeoutMs: 30_000,
    maxBytes: 256 * 1024,
    env: config.probeEnv,
  }).then((help) => ({
    bin: config.openclawBin,
    restart,
    clearCooldown: help.exitCode === 0 && /\bclear-cooldown\b/.test(help.stdout),
  }));
  setups.set(config, setup);
  return setup;
}

/** This host's diagnosis runner; its verdicts offer only the fixes this host can run. */
export function runnerFor(config: Config): DiagnosisRunner {
  // Asked at once, beside the worker's start, not after the first diagnosis has finished.
  const setup = hostSetup(config);
  const run = createDiagnosisRunner({
    host: config.host,
    bin: config.openclawBin,
    env: config.probeEnv,
    probeTimeoutMs: config.probeTimeoutMs,
    logLevel: config.logLevel,
  });
  return async (job, ctx) => offeredFixes(await run(job, ctx), await setup);
}

/** This host's runner of approved fixes, spending the given restart budget. */
export function fixRunnerFor(config: Config, budget: RestartBudget): FixRunner {
  return createFixRunner({
    diagnose: runnerFor(config),
    setup: hostSetup(config),
    budget,
    restartsPerHour: config.restart.perHour,
    execute: ([bin, ...args], signal) =>
      runCommand(bin as string, args, {
        timeoutMs: FIX_TIMEOUT_MS,
        maxBytes: 1024 * 1024,
        env: config.probeEnv,
        signal,
      }),
  });
}

/** This host's BullMQ worker, as the settings describe it. */
export function startHostWorker(config: Config, redisUrl: string, signal: AbortSignal): Promise<BullWorker> {
  return startBullWorker({
    redisUrl,
    prefix: config.redisPrefix,
    host: config.host,
    runner: runnerFor(config),
    makeFixRunner: (budget) => fixRunnerFor(config, budget),
    clawopsVersion: clawopsVersion(),
    openclawVersion: readOpenclawVersion(config.openclawBin, config.probeEnv, signal),
    lockMs: config.workerLockMs,
    stopGraceMs: config.workerStopGraceMs,
    log: createLogger(config.logLevel),
  });
}
