import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observe/metrics.js';
import { DEFAULT_GATEWAY_PORT } from '../probes/collect.js';
import { type GatewayInfo, readGatewayStatus } from '../probes/gateway-info.js';
import { defaultLogFile } from '../probes/log-file.js';
import { checkPort } from '../probes/port-check.js';
import { readProfileState } from '../probes/profile-state.js';
import { followCommand } from '../probes/run-probe.js';
import { createAlertPublisher } from '../queue/alerts.js';
import { type CooldownWatcher, startCooldownWatcher } from './cooldown-watcher.js';
import type { SecretInventory } from './secret-inventory.js';

/** What the host's watcher shares with the rest of its process. */
export type HostWatcherDeps = {
  readonly redisUrl: string;
  readonly log: Logger;
  readonly inventory: SecretInventory;
  /** Settles when the host's secrets have been read at start. */
  readonly ready: Promise<void>;
  /** What `gateway status --json` said at start. */
  readonly gateway: Promise<GatewayInfo>;
  readonly metrics?: Metrics | undefined;
  readonly startCooldownWatcher?: typeof startCooldownWatcher;
  readonly createAlertPublisher?: typeof createAlertPublisher;
};

/**
 * This host's watcher (cooldowns, broken routes, expiring credentials, the gateway port),
 * publishing to Redis for the bot; `null` when CLAWOPS_GATEWAY_LOG=off. The log file is
 * CLAWOPS_GATEWAY_LOG, else the gateway's `logFile`, else OpenClaw's default daily file.
 */
export async function startHostWatcher(
  config: Config,
  deps: HostWatcherDeps,
): Promise<CooldownWatcher | null> {
  if (config.watch.log === 'off') return null;
  const { inventory, metrics } = deps;
  await deps.ready;
  const publisher = (deps.createAlertPublisher ?? createAlertPublisher)({
    redisUrl: deps.redisUrl,
    prefix: config.redisPrefix,
    host: config.host,
  });
  const { instance } = config.watch;
  const logFile =
    config.watch.log === 'cli'
      ? null
      : (config.watch.log ??
        (await deps.gateway).logFile ??
        // OpenClaw's own name for the default profile's file has no profile in it.
        defaultLogFile(instance === 'default' ? {} : { OPENCLAW_PROFILE: instance }));
  const port =
    Number(config.probeEnv.OPENCLAW_GATEWAY_PORT) || (await deps.gateway).port || DEFAULT_GATEWAY_PORT;
  const watcher = (deps.startCooldownWatcher ?? startCooldownWatcher)({
    host: config.host,
    instance,
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
    readState: (s) => readProfileState(config.openclawBin, config.probeEnv, config.probeTimeoutMs, s),
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
    log: deps.log,
    redact: inventory.redact,
  });
  return {
    async close() {
      await watcher.close();
      await publisher.close();
    },
  };
}
