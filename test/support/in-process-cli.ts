import { PassThrough } from 'node:stream';
import { diagnoseVerb } from '../../src/cli/diagnose-verb.js';
import { type CliIo, EXIT, type Verb } from '../../src/cli/io.js';

/**
 * `clawops diagnose <args>` (`args` after the verb) run in this process: the verb `main` would load, with `env` as its
 * whole environment (as `runClawops` gives the subprocess), its standard streams captured. The
 * probes still run the fake `openclaw` as subprocesses; only the clawops process is spared. For
 * tests about the verdict; the CLI contract itself (argv, streams, exit codes, errors) is
 * checked through `runClawops`.
 */
export async function diagnoseInProcess(args: readonly string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const io = quietIo(args, env, new AbortController().signal, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  const code = await diagnoseVerb.run(io);
  return { code, stdout, stderr };
}

/** The streams a verb run in this process gets: no input, not a terminal, its output to `out`. */
function quietIo(
  args: readonly string[],
  env: Record<string, string>,
  signal: AbortSignal,
  out: Pick<CliIo, 'stdout' | 'stderr'>,
): CliIo {
  return { args, env, ...out, readStdin: async () => '', input: new PassThrough(), isTty: false, signal };
}

/** A long-running verb (`worker`, `bot`) started in this process. */
export type InProcessVerb = {
  /** Everything it wrote to its standard error so far (its logger writes to this process's). */
  stderr(): string;
  /** Resolves with its exit code once it has returned. */
  readonly exited: Promise<number>;
  /** Asks it to stop, as SIGTERM does the process, then its exit code once it has returned. */
  stop(): Promise<number>;
};

/**
 * `clawops <verb>` run in this process with `env` as its whole environment, until `stop()`; it
 * resolves once `ready` holds for what the verb wrote to stderr. The same code as the process
 * (the verb `main` would load), without the process's start: for tests about what it posts,
 * not about the process. An error out of the verb ends it with exit code 2, its message on stderr.
 */
export async function startVerbInProcess(
  verb: Verb,
  env: Record<string, string>,
  ready: (stderr: string) => boolean,
): Promise<InProcessVerb> {
  let stderr = '';
  const abort = new AbortController();
  let onOutput = () => {};
  const io = quietIo([], env, abort.signal, {
    stdout: () => {},
    stderr: (text) => {
      stderr += text;
      onOutput();
    },
  });
  const exited = verb.run(io).catch((err: unknown) => {
    stderr += `clawops ${verb.name}: internal error: ${err instanceof Error ? err.message : String(err)}\n`;
    return EXIT.usage as number;
  });
  await new Promise<void>((resolve, reject) => {
    onOutput = () => {
      if (ready(stderr)) resolve();
    };
    onOutput();
    void exited.then((code) =>
      reject(new Error(`clawops ${verb.name} returned ${code} before it was ready:\n${stderr}`)),
    );
  });
  return {
    stderr: () => stderr,
    exited,
    stop() {
      abort.abort();
      return exited;
    },
  };
}
