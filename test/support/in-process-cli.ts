import { PassThrough } from 'node:stream';
import { diagnoseVerb } from '../../src/cli/diagnose-verb.js';
import type { CliIo } from '../../src/cli/io.js';

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
  const io: CliIo = {
    args,
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => '',
    input: new PassThrough(),
    isTty: false,
    signal: new AbortController().signal,
  };
  const code = await diagnoseVerb.run(io);
  return { code, stdout, stderr };
}
