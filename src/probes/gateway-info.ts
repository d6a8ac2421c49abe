import { parseGatewayStatus } from '../engine/parse/gateway-status.js';
import { PROBES } from './catalogue.js';
import { runProbe } from './run-probe.js';

/** What a worker learns about its gateway once, at start. */
export type GatewayInfo = {
  /** The OpenClaw version, for the heartbeat before the first diagnosis. */
  readonly version: string | null;
  /** The gateway's log file (`logFile`), for the cooldown watcher. */
  readonly logFile: string | null;
  /** A systemd or launchd service of the gateway is loaded, so `gateway restart` can start it. */
  readonly serviceLoaded: boolean;
};

/**
 * Reads the read-only `gateway status --json` a diagnosis runs anyway; nulls when OpenClaw does
 * not answer.
 */
export async function readGatewayInfo(
  bin: string,
  env: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<GatewayInfo> {
  const spec = PROBES['gateway-status'];
  const run = await runProbe(bin, spec.json, {
    name: spec.name,
    format: 'json',
    timeoutMs: spec.timeoutMs,
    maxBytes: spec.maxBytes,
    env,
    ...(signal ? { signal } : {}),
  });
  const status = parseGatewayStatus(run);
  return {
    version: status?.cliVersion ?? null,
    logFile: status?.logFile ?? null,
    serviceLoaded: status?.serviceLoaded === true,
  };
}
