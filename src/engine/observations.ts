/** Names of the read-only OpenClaw commands the worker may run. */
export type ProbeName = 'gateway-status' | 'models-status' | 'logs' | 'health' | 'status' | 'doctor';

/** One finished OpenClaw command, as the runner saw it. Raw: it never leaves the worker. */
export type ProbeRun = {
  readonly name: ProbeName;
  readonly argv: readonly string[];
  /** Which output form the command was asked for. */
  readonly format: 'json' | 'text';
  /** `null` when the command did not exit by itself (timeout, kill, spawn failure). */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  readonly timedOut: boolean;
  /** Why the command could not run or was cut short, when it was. */
  readonly failure?: 'not-found' | 'not-executable' | 'spawn-error' | 'output-capped';
};

/** Result of trying to open a TCP connection to the gateway port. */
export type PortCheck = {
  readonly host: string;
  readonly port: number;
  readonly state: 'open' | 'refused' | 'timeout' | 'error';
  readonly detail?: string;
  readonly durationMs: number;
};

/** Gateway log text, read from the file or from `openclaw logs`. */
export type LogSource = {
  readonly source: 'file' | 'cli';
  readonly path: string | null;
  /** JSON lines of the log file, or the output of `openclaw logs --json` / `--plain`. */
  readonly text: string;
};

/** The environment of the running gateway process (`/proc/<pid>/environ`). */
export type GatewayEnv = {
  readonly pid: number;
  readonly vars: Readonly<Record<string, string>>;
};

/** The OpenClaw config file as read from disk. */
export type ConfigFile =
  | { readonly path: string; readonly text: string }
  | { readonly path: string; readonly error: string };

/** Everything the worker gathered on the host. The engine turns this into a `Diagnosis`. */
export type Observations = {
  readonly host: string;
  /** The worker's clock when the run started: the "now" every age and remaining time is measured from. */
  readonly startedAt: Date;
  /**
   * Judge the route by what the log shows from this time on (the end of a fix): older failures
   * are history. They still stand while no model call has run since, and say so.
   */
  readonly since?: Date;
  readonly durationMs: number;
  readonly probes: readonly ProbeRun[];
  readonly port?: PortCheck;
  readonly log?: LogSource;
  readonly gatewayEnv?: GatewayEnv;
  readonly config?: ConfigFile;
  /** The agent diagnosed (`--agent`); absent: the gateway's default agent. */
  readonly agent?: string;
  /** `models status --json --agent <id>` of the other configured agents. */
  readonly agentProbes?: readonly { readonly agent: string; readonly run: ProbeRun }[];
  /** The version `openclaw --version` printed, read when `gateway status` did not carry it. */
  readonly cliVersion?: string;
  /** What the worker could not read and what it did instead, for a person to see. */
  readonly notes: readonly string[];
  /** Exact secret values found on the host, to be removed wherever they appear. */
  readonly knownSecrets: readonly string[];
};
