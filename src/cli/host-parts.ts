import type { Config } from '../config.js';
import type { RestartBudget } from '../core/restart-budget.js';
import type { DiagnosisRunner, FixRunner } from '../core/transport.js';
import { failoverChain } from '../engine/failover-chain.js';
import { parseModelsStatusJson } from '../engine/parse/models-status.js';
import { createLogger } from '../logger.js';
import type { Metrics } from '../observe/metrics.js';
import { DEFAULT_GATEWAY_PORT } from '../probes/collect.js';
import { type GatewayInfo, readGatewayInfo, readGatewayStatus } from '../probes/gateway-info.js';
import { readHostSecrets } from '../probes/host-secrets.js';
import { checkPort } from '../probes/port-check.js';
import { followCommand, runCommand } from '../probes/run-probe.js';
import { createAlertPublisher } from '../queue/alerts.js';
import { type BullWorker, startBullWorker } from '../queue/bull-worker.js';
import { type CooldownWatcher, type ProfileState, startCooldownWatcher } from '../worker/cooldown-watcher.js';
import { createDiagnosisRunner } from '../worker/diagnosis-runner.js';
import { type FixSetup, fixCommands, offeredFixes } from '../worker/fix-catalogue.js';
import { createFixRunner } from '../worker/fix-runner.js';
import { localDay } from '../worker/log-follower.js';
import { createSecretInventory, type SecretInventory } from '../worker/secret-inventory.js';
import { measuredRunner } from './observe.js';
import { clawopsVersion } from './version.js';

/** A fix's command gets this long; a gateway restart can take a minute on a busy host. */
const FIX_TIMEOUT_MS = 180_000;
/** While a fix's after-check waits for a model call, it reads the host again this often. */
const SETTLE_POLL_MS = 10_000;
const setups = new WeakMap<Config, Promise<FixSetup>>();
const gateways = new WeakMap<Config, Promise<GatewayInfo>>();
const inventories = new WeakMap<Config, { inventory: SecretInventory; ready: Promise<void> }>();

/** What `gateway status --json` says about this host's gateway, asked once per process. */
function gatewayInfo(config: Config, signal?: AbortSignal): Promise<GatewayInfo> {
  const known = gateways.get(config);
  if (known) return known;
  const info = readGatewayInfo(config.openclawBin, config.probeEnv, signal);
  gateways.set(config, info);
  return info;
}

/**
 * This host's secret inventory, one per process: this process's own secrets at once, then the
 * config's, the env files' and the running gateway's, read at start; each diagnosis adds what
 * it reads again. `ready` settles when the start-time read is done.
 */
export function hostInventory(
  config: Config,
  signal = new AbortController().signal,
): { inventory: SecretInventory; ready: Promise<void> } {
  const known = inventories.get(config);
  if (known) return known;
  const inventory = createSecretInventory(config.ownSecrets);
  const ready = gatewayInfo(config, signal)
    .then((info) => readHostSecrets(config.probeEnv, info.pids))
    .then((values) => inventory.add(values))
    // What cannot be read now, each diagnosis reads again.
    .catch(() => {});
  const entry = { inventory, ready };
  inventories.set(config, entry);
  return entry;
}

/**
 * How this host runs fixes: the restart method configured, how a stopped gateway starts, and
 * whether OpenClaw can clear a cooldown.
 */
export function hostSetup(config: Config): Promise<FixSetup> {
  const known = setups.get(config);
  if (known) return known;
  const restart =
    config.restart.method === 'systemd'
      ? ({ kind: 'systemd', unit: config.restart.unit } as const)
      : config.restart.method === 'compose'
        ? ({ kind: 'compose', service: config.restart.service, file: config.restart.file } as const)
        : ({ kind: 'openclaw' } as const);
  const { startCommand } = config.restart;
  // Only `openclaw gateway restart` depends on a service manager to start a stopped gateway.
  const serviceLoaded =
    restart.kind === 'openclaw' && !startCommand
      ? gatewayInfo(config).then((i) => i.serviceLoaded)
      : Promise.resolve(false);
  const help = runCommand(config.openclawBin, ['models', 'auth', '--help'], {
    timeoutMs: 30_000,
    maxBytes: 256 * 1024,
    env: config.probeEnv,
  });
  const setup = Promise.all([help, serviceLoaded]).then(([h, loaded]) => ({
    bin: config.openclawBin,
    restart,
    startCommand,
    serviceLoaded: loaded,
    clearCooldown: h.exitCode === 0 && /\bclear-cooldown\b/.test(h.stdout),
  }));
  setups.set(config, setup);
  return setup;
}

/** This host's diagnosis runner; its verdicts offer only the fixes this host can run. */
export function runnerFor(config: Config, metrics?: Metrics): DiagnosisRunner {
  // Asked at once, beside the worker's start, not after the first diagnosis has finished.
  const setup = hostSetup(config);
  const run = createDiagnosisRunner({
    host: config.host,
    bin: config.openclawBin,
    env: config.probeEnv,
    probeTimeoutMs: config.probeTimeoutMs,
    logLevel: config.logLevel,
    inventory: hostInventory(config).inventory,
  });
  const runner: DiagnosisRunner = async (job, ctx) => offeredFixes(await run(job, ctx), await setup);
  return metrics ? measuredRunner(runner, metrics) : runner;
}

/** This host's runner of approved fixes, spending the given restart budget. */
export function fixRunnerFor(config: Config, budget: RestartBudget): FixRunner {
  return createFixRunner({
    diagnose: runnerFor(config),
    setup: hostSetup(config),
    budget,
    restartsPerHour: config.restart.perHour,
    settle: { waitMs: config.restart.settleMs, pollMs: SETTLE_POLL_MS },
    redact: hostInventory(config).inventory.redact,
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
export function startHostWorker(
  config: Config,
  redisUrl: string,
  signal: AbortSignal,
  metrics?: Metrics,
): Promise<BullWorker> {
  // First, so that reading the gateway at start stops with this worker.
  const { inventory } = hostInventory(config, signal);
  return startBullWorker({
    redisUrl,
    prefix: config.redisPrefix,
    host: config.host,
    runner: runnerFor(config, metrics),
    makeFixRunner: (budget) => fixRunnerFor(config, budget),
    clawopsVersion: clawopsVersion(),
    openclawVersion: gatewayInfo(config, signal).then((i) => i.version),
    fixCommands: hostSetup(config).then(fixCommands),
    lockMs: config.workerLockMs,
    stopGraceMs: config.workerStopGraceMs,
    log: createLogger(config.logLevel, inventory),
  });
}

/** OpenClaw's default log file: `/tmp/openclaw/openclaw[-<profile>]-YYYY-MM-DD.log`, local date. */
export function defaultLogFile(instance: string, now = new Date()): string {
  return `/tmp/openclaw/openclaw${instance === 'default' ? '' : `-${instance}`}-${localDay(now)}.log`;
}

/** The profiles' state from `models status --json`; `null` when OpenClaw gives none. */
async function readProfileState(config: Config, signal: AbortSignal): Promise<ProfileState | null> {
  const run = await runCommand(config.openclawBin, ['models', 'status', '--json'], {
    timeoutMs: config.probeTimeoutMs ?? 45_000,
    maxBytes: 4 * 1024 * 1024,
    env: config.probeEnv,
    signal,
  });
  const status = run.exitCode === 0 ? parseModelsStatusJson(run.stdout) : null;
  if (!status) return null;
  const ids = new Set([
    ...status.providers.flatMap((p) => p.profileLabels.map((l) => l.profileId)),
    ...status.oauthProfiles.map((p) => p.profileId),
    ...status.unusable.map((u) => u.profileId),
  ]);
  return {
    unusable: status.unusable,
    profileIds: [...ids],
    credentials: status.oauthProfiles,
    missing: status.missingProvidersInUse,
    chain: failoverChain(status),
  };
}

/**
 * This host's watcher (cooldowns, broken routes, expiring credentials, the gateway port),
 * publishing to Redis for the bot; `null` when CLAWOPS_GATEWAY_LOG=off. The log file is
 * CLAWOPS_GATEWAY_LOG, else the gateway's `logFile`, else OpenClaw's default daily file.
 */
export async function startHostWatcher(
  config: Config,
  redisUrl: string,
  signal: AbortSignal,
  metrics?: Metrics,
): Promise<CooldownWatcher | null> {
  if (config.watch.log === 'off') return null;
  const { inventory, ready } = hostInventory(config, signal);
  await ready;
  const log = createLogger(config.logLevel, inventory);
  const publisher = createAlertPublisher({ redisUrl, prefix: config.redisPrefix, host: config.host });
  const logFile =
    config.watch.log === 'cli'
      ? null
      : (config.watch.log ??
        (await gatewayInfo(config, signal)).logFile ??
        defaultLogFile(config.watch.instance));
  const port =
    Number(config.probeEnv.OPENCLAW_GATEWAY_PORT) ||
    (await gatewayInfo(config, signal)).port ||
    DEFAULT_GATEWAY_PORT;
  const watcher = startCooldownWatcher({
    host: config.host,
    instance: config.watch.instance,
    quietMs: config.alerts.quietMs,
    kinds: config.alerts.kinds,
    expiryWarnMs: config.alerts.thresholds.expiryWarnMs,
    gateway:
      config.watch.gateway.checkMs > 0 && config.alerts.kinds.has('gateway-down')
        ? {
            checkMs: config.watch.gateway.checkMs,
            confirmMs: config.watch.gateway.confirmMs,
            checkPort: () => checkPort('127.0.0.1', port),
            readStatus: (s) => readGatewayStatus(config.openclawBin, config.probeEnv, s),
          }
        : null,
    statePollMs: config.watch.statePollMs,
    logFile,
    readState: (s) => readProfileState(config, s),
    followCli: (onLine, s) =>
      followCommand(config.openclawBin, ['logs', '--follow', '--json'], {
        env: config.probeEnv,
        signal: s,
        onLine,
      }),
    saved: await publisher.savedEpisodes().catch(() => []),
    publish: async (changed, report) => {
      await publisher.publish(changed, report);
      for (const e of changed) metrics?.alert(e.status, 'published');
    },
    log,
    redact: inventory.redact,
  });
  return {
    async close() {
      await watcher.close();
      await publisher.close();
    },
  };
}
