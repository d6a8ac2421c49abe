import { execa } from 'execa';
import type { ProbeName, ProbeRun } from '../engine/observations.js';

export type CommandOptions = {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** The whole environment of the command; nothing of the worker's own is inherited. */
  readonly env: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
};

export type RunOptions = CommandOptions & { readonly name: ProbeName; readonly format: 'json' | 'text' };

/** A finished command, as a probe's or a fix's run. */
export type CommandRun = Omit<ProbeRun, 'name' | 'format'>;

/** Grace between SIGTERM and SIGKILL for a command that overstays its timeout. */
const KILL_GRACE_MS = 1_000;
/** How long output may still arrive after the command itself exited. */
const PIPE_GRACE_MS = 500;

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    // The command runs in its own process group, so this reaches whatever it spawned too.
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Runs one OpenClaw command as an argv array (no shell) and always resolves: a timeout, a
 * missing executable or too much output is part of the result, never a throw. On timeout the
 * whole process group gets SIGTERM, then SIGKILL.
 */
export async function runProbe(bin: string, args: readonly string[], opts: RunOptions): Promise<ProbeRun> {
  return { name: opts.name, format: opts.format, ...(await runCommand(bin, args, opts)) };
}

/** Runs any argv from the fixed catalogues (probes, fixes) with the same limits and clean kill. */
export async function runCommand(
  bin: string,
  args: readonly string[],
  opts: CommandOptions,
): Promise<CommandRun> {
  const started = performance.now();
  const subprocess = execa(bin, args, {
    reject: false,
    shell: false,
    stdin: 'ignore',
    detached: true,
    extendEnv: false,
    env: opts.env,
    maxBuffer: opts.maxBytes,
    stripFinalNewline: false,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(subprocess.pid, 'SIGTERM');
    setTimeout(() => killGroup(subprocess.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
  }, opts.timeoutMs);
  const onAbort = () => killGroup(subprocess.pid, 'SIGKILL');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  // A descendant that left the process group can hold the pipes open after the command exited:
  // once the command is gone, what it printed is all there is.
  subprocess.once('exit', () => {
    setTimeout(() => {
      subprocess.stdout?.destroy();
      subprocess.stderr?.destroy();
    }, PIPE_GRACE_MS).unref();
  });
  const result = await subprocess;
  clearTimeout(timer);
  opts.signal?.removeEventListener('abort', onAbort);
  // Children that outlived their parent in the group would keep pipes or ports busy.
  if (timedOut || result.isMaxBuffer) killGroup(subprocess.pid, 'SIGKILL');

  const code = (result as { code?: string }).code;
  const failure =
    code === 'ENOENT'
      ? 'not-found'
      : code === 'EACCES'
        ? 'not-executable'
        : result.isMaxBuffer
          ? 'output-capped'
          : result.failed && result.exitCode === undefined && !timedOut && !result.isCanceled
            ? 'spawn-error'
            : undefined;
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return {
    argv: [bin, ...args],
    exitCode: timedOut ? null : (result.exitCode ?? null),
    stdout: text(result.stdout),
    stderr: text(result.stderr),
    durationMs: performance.now() - started,
    timedOut,
    ...(failure ? { failure } : {}),
  };
}

/**
 * Runs a long-lived command (`openclaw logs --follow --json`) and hands over each line of its
 * output as it comes. Resolves with the exit code when it ends or `signal` stops it.
 */
export async function followCommand(
  bin: string,
  args: readonly string[],
  opts: {
    readonly env: Readonly<Record<string, string>>;
    readonly signal: AbortSignal;
    readonly onLine: (line: string) => void;
  },
): Promise<number | null> {
  const subprocess = execa(bin, args, {
    reject: false,
    shell: false,
    stdin: 'ignore',
    stderr: 'ignore',
    detached: true,
    extendEnv: false,
    env: opts.env,
    buffer: false,
  });
  const onAbort = () => killGroup(subprocess.pid, 'SIGKILL');
  opts.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const line of subprocess.iterable({ from: 'stdout' })) opts.onLine(String(line));
  } catch {
    // The command was killed or could not start: its exit code says which.
  }
  const result = await subprocess;
  opts.signal.removeEventListener('abort', onAbort);
  return result.exitCode ?? null;
}
