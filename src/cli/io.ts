/** What a CLI verb may touch: its arguments, environment and standard streams. */
export type CliIo = {
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input. */
  readonly readStdin: () => Promise<string>;
  /** Standard input as a stream, for interactive verbs. */
  readonly input: NodeJS.ReadableStream;
  /** Whether stdout is a terminal (colour, progress). */
  readonly isTty: boolean;
  readonly signal: AbortSignal;
};

/** A verb returns its exit code. */
export type Verb = {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(io: CliIo): Promise<number>;
};

/** Exit codes of every verb: 0 all well, 1 a problem was found, 2 clawops itself could not run. */
export const EXIT = { ok: 0, problem: 1, usage: 2 } as const;
