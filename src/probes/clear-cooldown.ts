import { runCommand } from './run-probe.js';

/** Whether the installed OpenClaw has `models auth clear-cooldown`, as `models auth --help` lists it. */
export async function readClearCooldown(
  bin: string,
  env: Readonly<Record<string, string>>,
): Promise<boolean> {
  const help = await runCommand(bin, ['models', 'auth', '--help'], {
    timeoutMs: 30_000,
    maxBytes: 256 * 1024,
    env,
  });
  return help.exitCode === 0 && /\bclear-cooldown\b/.test(help.stdout);
}
