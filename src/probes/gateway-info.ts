import { parseGatewayStatus } from '../engine/parse/gateway-status.js';
import { PROBES } from './catalogue.js';
import { runProbe } from './run-probe.js';

/**
 * The OpenClaw version on this host, from the read-only `gateway status --json` a diagnosis runs
 * anyway; `null` when OpenClaw does not answer. For a worker's heartbeat before its first run.
 */
export async function readOpenclawVersion(
  bin: string,
  env: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<string | null> {
  const spec = PROBES['gateway-status'];
  const run = await runProbe(bin, spec.json, {
    name: spec.name,
    format: 'json',
    timeoutMs: spec.timeoutMs,
    maxBytes: spec.maxBytes,
    env,
    ...(signal ? { signal } : {}),
  });
  return parseGatewayStatus(run)?.cliVersion ?? null;
}
