import { type GatewayStatus, parseGatewayStatus, parseVersionLine } from '../engine/parse/gateway-status.js';
import { PROBES } from './catalogue.js';
import { runCommand, runProbe } from './run-probe.js';

/** What a worker learns about its gateway once, at start. */
export type GatewayInfo = {
  /** The OpenClaw version, for the heartbeat before the first diagnosis. */
  readonly version: string | null;
  /** The gateway's log file (`logFile`), for the cooldown watcher. */
  readonly logFile: string | null;
  /** The gateway's port, for the gateway watch. */
  readonly port: number | null;
  /** The pids listening on the gateway port, whose environments hold secrets to know. */
  readonly pids: readonly number[];
  /** A systemd or launchd service of the gateway is loaded, so `gateway restart` can start it. */
  readonly serviceLoaded: boolean;
};

/** Runs the read-only `gateway status --json`; `null` when OpenClaw gives nothing readable. */
export async function readGatewayStatus(
  bin: string,
  env: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<GatewayStatus | null> {
  const spec = PROBES['gateway-status'];
  const run = await runProbe(bin, spec.json, {
    name: spec.name,
    format: 'json',
    timeoutMs: spec.timeoutMs,
    maxBytes: spec.maxBytes,
    env,
    ...(signal ? { signal } : {}),
  });
  return parseGatewayStatus(run);
}

/**
 * The version from `openclaw --version`, for builds whose `gateway status --json` has no
 * `cli.version` (before 2026.7); `null` when it prints none.
 */
export async function readCliVersion(
  bin: string,
  env: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<string | null> {
  const run = await runCommand(bin, ['--version'], {
    timeoutMs: 15_000,
    maxBytes: 64 * 1024,
    env,
    ...(signal ? { signal } : {}),
  });
  return run.exitCode === 0 ? parseVersionLine(run.stdout) : null;
}

/**
 * What the read-only `gateway status --json` a diagnosis runs anyway says of the gateway; nulls
 * when OpenClaw does not answer.
 */
export async function readGatewayInfo(
  bin: string,
  env: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<GatewayInfo> {
  const status = await readGatewayStatus(bin, env, signal);
  return {
    version: status?.cliVersion ?? (status ? await readCliVersion(bin, env, signal) : null),
    logFile: status?.logFile ?? null,
    port: status?.port ?? null,
    pids: status?.listeners.map((l) => l.pid) ?? [],
    serviceLoaded: status?.serviceLoaded === true,
  };
}
