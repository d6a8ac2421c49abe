import type { Config } from '../config.js';
import type { FixSetup, RestartMethod } from './fix-catalogue.js';

/** What a host's fix setup is read from: its gateway's service and its OpenClaw's help. */
export type FixSetupReads = {
  /** A systemd or launchd service of the gateway is loaded (`gateway status --json`). */
  readonly serviceLoaded: () => Promise<boolean>;
  /** The installed OpenClaw has `models auth clear-cooldown`. */
  readonly clearCooldown: () => Promise<boolean>;
};

/** The restart method configured (`CLAWOPS_RESTART_METHOD`). */
export function restartMethod(restart: Config['restart']): RestartMethod {
  if (restart.method === 'systemd') return { kind: 'systemd', unit: restart.unit };
  if (restart.method === 'compose') return { kind: 'compose', service: restart.service, file: restart.file };
  return { kind: 'openclaw' };
}

/**
 * How this host runs fixes: the restart method configured, how a stopped gateway starts, and
 * whether OpenClaw can clear a cooldown. Both reads start at once.
 */
export function fixSetupFor(config: Config, reads: FixSetupReads): Promise<FixSetup> {
  const restart = restartMethod(config.restart);
  const { startCommand } = config.restart;
  // Only `openclaw gateway restart` depends on a service manager to start a stopped gateway.
  const serviceLoaded =
    restart.kind === 'openclaw' && !startCommand ? reads.serviceLoaded() : Promise.resolve(false);
  const clearCooldown = reads.clearCooldown();
  return Promise.all([clearCooldown, serviceLoaded]).then(([clear, loaded]) => ({
    bin: config.openclawBin,
    restart,
    startCommand,
    serviceLoaded: loaded,
    clearCooldown: clear,
  }));
}
