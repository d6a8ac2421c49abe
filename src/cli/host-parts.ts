import type { Config } from '../config.js';
import type { RestartBudget } from '../core/restart-budget.js';
import type { DiagnosisRunner, FixRunner } from '../core/transport.js';
import { createLogger, type Logger } from '../logger.js';
import { measuredRunner } from '../observe/measured.js';
import type { Metrics } from '../observe/metrics.js';
import { readClearCooldown } from '../probes/clear-cooldown.js';
import { type GatewayInfo, readGatewayInfo } from '../probes/gateway-info.js';
import { readHostSecrets } from '../probes/host-secrets.js';
import { type BullWorker, startBullWorker } from '../queue/bull-worker.js';
import type { CooldownWatcher } from '../worker/cooldown-watcher.js';
import { createDiagnosisRunner } from '../worker/diagnosis-runner.js';
import { type FixSetup, fixCommands } from '../worker/fix-catalogue.js';
import { runFixCommand } from '../worker/fix-command.js';
import { createFixRunner } from '../worker/fix-runner.js';
import { fixSetupFor } from '../worker/fix-setup.js';
import { startHostWatcher } from '../worker/host-watcher.js';
import { createSecretInventory, type SecretInventory } from '../worker/secret-inventory.js';
import { clawopsVersion } from './version.js';

/** While a fix's after-check waits for a model call, it reads the host again this often. */
const SETTLE_POLL_MS = 10_000;

/** Everything a host's parts are made of; each one may be given instead (tests, other roots). */
export type HostOverrides = {
  /** The process's logger; made once, redacting with the host's secret inventory, when absent. */
  readonly log?: Logger;
  /** Times and counts every diagnosis of the host, a fix's before and after included. */
  readonly metrics?: Metrics;
  /** Stops the reads of the gateway at start. */
  readonly signal?: AbortSignal;
  readonly createLogger?: typeof createLogger;
  readonly createDiagnosisRunner?: typeof createDiagnosisRunner;
  readonly createFixRunner?: typeof createFixRunner;
  readonly readGatewayInfo?: typeof readGatewayInfo;
  readonly readHostSecrets?: typeof readHostSecrets;
  readonly readClearCooldown?: typeof readClearCooldown;
  readonly startBullWorker?: typeof startBullWorker;
  readonly startHostWatcher?: typeof startHostWatcher;
};

/** A gateway host's parts, one of each per process. */
export type HostParts = {
  readonly log: Logger;
  /** This host's secrets: this process's own at once, the config's, env files' and gateway's once read. */
  readonly inventory: SecretInventory;
  /** Settles when the start-time read of the host's secrets is done. */
  readonly ready: Promise<void>;
  /** How this host runs fixes. */
  readonly setup: Promise<FixSetup>;
  /** The host's one diagnosis runner: its verdicts offer only the fixes this host can run. */
  readonly runner: DiagnosisRunner;
  /** The runner of approved fixes, spending `budget`; its diagnoses go through `runner`. */
  fixRunner(budget: RestartBudget): FixRunner;
  /** The host's BullMQ worker on `redisUrl`. */
  startWorker(redisUrl: string): Promise<BullWorker>;
  /** The host's watcher, publishing alerts to `redisUrl`; `null` when CLAWOPS_GATEWAY_LOG=off. */
  startWatcher(redisUrl: string): Promise<CooldownWatcher | null>;
};

/**
 * Builds a gateway host's parts once: asks the gateway (`gateway status --json`) and reads the
 * host's secrets and fix setup at once, beside the worker's start rather than after its first
 * diagnosis; every part shares them, the logger and the one diagnosis runner.
 */
export function createHostParts(config: Config, over: HostOverrides = {}): HostParts {
  const signal = over.signal ?? new AbortController().signal;
  const inventory = createSecretInventory(config.ownSecrets);
  const log = over.log ?? (over.createLogger ?? createLogger)(config.logLevel, inventory);
  const gateway: Promise<GatewayInfo> = (over.readGatewayInfo ?? readGatewayInfo)(
    config.openclawBin,
    config.probeEnv,
    signal,
  );
  const readSecrets = over.readHostSecrets ?? readHostSecrets;
  const ready = gateway
    .then((info) => readSecrets(config.probeEnv, info.pids))
    .then((values) => inventory.add(values))
    // What cannot be read now, each diagnosis reads again.
    .catch(() => {});
  const setup = fixSetupFor(config, {
    serviceLoaded: () => gateway.then((i) => i.serviceLoaded),
    clearCooldown: () => (over.readClearCooldown ?? readClearCooldown)(config.openclawBin, config.probeEnv),
  });
  const diagnose = (over.createDiagnosisRunner ?? createDiagnosisRunner)({
    host: config.host,
    bin: config.openclawBin,
    env: config.probeEnv,
    probeTimeoutMs: config.probeTimeoutMs,
    log,
    inventory,
    setup,
  });
  const runner = over.metrics ? measuredRunner(diagnose, over.metrics) : diagnose;
  const fixRunner = (budget: RestartBudget): FixRunner =>
    (over.createFixRunner ?? createFixRunner)({
      diagnose: runner,
      setup,
      budget,
      restartsPerHour: config.restart.perHour,
      settle: { waitMs: config.restart.settleMs, pollMs: SETTLE_POLL_MS },
      redact: inventory.redact,
      execute: runFixCommand(config.probeEnv),
    });
  return {
    log,
    inventory,
    ready,
    setup,
    runner,
    fixRunner,
    startWorker: (redisUrl) =>
      (over.startBullWorker ?? startBullWorker)({
        redisUrl,
        prefix: config.redisPrefix,
        host: config.host,
        runner,
        makeFixRunner: fixRunner,
        clawopsVersion: clawopsVersion(),
        openclawVersion: gateway.then((i) => i.version),
        fixCommands: setup.then(fixCommands),
        lockMs: config.workerLockMs,
        stopGraceMs: config.workerStopGraceMs,
        log,
      }),
    startWatcher: (redisUrl) =>
      (over.startHostWatcher ?? startHostWatcher)(config, {
        redisUrl,
        log,
        inventory,
        ready,
        gateway,
        metrics: over.metrics,
      }),
  };
}
