import { type CommandRun, runCommand } from '../probes/run-probe.js';

/** A fix's command gets this long; a gateway restart can take a minute on a busy host. */
const FIX_TIMEOUT_MS = 180_000;

/** Runs a fix's fixed argv on this host, with the probes' environment and a fix's limits. */
export function runFixCommand(
  env: Readonly<Record<string, string>>,
): (argv: readonly string[], signal: AbortSignal) => Promise<CommandRun> {
  return ([bin, ...args], signal) =>
    runCommand(bin as string, args, { timeoutMs: FIX_TIMEOUT_MS, maxBytes: 1024 * 1024, env, signal });
}
