import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { shiftTimes } from './captured-time.js';
import { freePort } from './ports.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The folder of every OpenClaw version's captures: `<version>/<scenario>/`. */
export const CAPTURE_VERSIONS_ROOT = join(ROOT, 'test/fixtures/captures');
/** The version most tests replay. */
export const CAPTURED_VERSION = '2026.9.6';
export const CAPTURES = join(CAPTURE_VERSIONS_ROOT, CAPTURED_VERSION);
/** The captures of one OpenClaw version. */
export const capturesOf = (version: string): string => join(CAPTURE_VERSIONS_ROOT, version);
/** The fake `openclaw`: a shell front, `openclaw.mjs` behind it for all but a plain replay. */
export const FAKE_OPENCLAW = join(ROOT, 'test/fixtures/bin/openclaw');
/** The fake's full implementation alone (what the front must answer alike). */
export const FAKE_OPENCLAW_FULL = join(ROOT, 'test/fixtures/bin/openclaw.mjs');
export const CLI = join(ROOT, 'dist/src/cli/main.js');

export type Meta = {
  scenario: string;
  expected_label: string;
  timings_s: Record<string, number>;
  exit_codes: Record<string, string>;
};

const foldersOf = (root: string): string[] =>
  readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

/** Every captured scenario folder of the version most tests replay. */
export const SCENARIOS: readonly string[] = foldersOf(CAPTURES);
/** Every OpenClaw version with captures, and its scenario folders. */
export const VERSIONS: readonly string[] = foldersOf(CAPTURE_VERSIONS_ROOT);
export const scenariosOf = (version: string): string[] => foldersOf(capturesOf(version));

export const readMeta = (scenario: string, root = CAPTURES): Meta =>
  JSON.parse(readFileSync(join(root, scenario, 'meta.json'), 'utf8')) as Meta;

export const capture = (scenario: string, file: string, root = CAPTURES): string =>
  readFileSync(join(root, scenario, file), 'utf8');

/** KEY=VALUE lines of the captured `/proc/<gateway pid>/environ`. */
export function gatewayEnvOf(scenario: string, root = CAPTURES): Record<string, string> {
  const file = join(root, scenario, 'env_gateway_process.out');
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/**
 * When the lab read the gateway log (the end of the `logs --json` capture), in ms since the
 * epoch; the newest log line when the runner did not say.
 */
export function capturedAt(scenario: string, root = CAPTURES): number {
  const runner = capture(scenario, 'runner.log', root);
  const at = /^\[(\d\d:\d\d:\d\d)\] cap logs_json /m.exec(runner)?.[1];
  const lines = capture(scenario, 'gateway_log_file.jsonl', root).split('\n');
  const day = /"time":"(\d{4}-\d\d-\d\d)T/.exec(lines[0] ?? '')?.[1];
  if (at && day) return Date.parse(`${day}T${at}Z`);
  const times = lines.map((l) => Date.parse(/"time":"([^"]+)"/.exec(l)?.[1] ?? '')).filter((t) => t > 0);
  return Math.max(...times);
}

/**
 * The gateway log file as it stood when the lab read it: lines up to the end of the
 * `logs --json` capture. Later lines (the lab's own probes after it stopped the gateway) are
 * not something a worker diagnosing that moment could have seen. `cut` is that moment as the
 * copy in `root` reads it (ms since the epoch).
 */
export function logFileAtCapture(scenario: string, root: string, cut: number): string {
  return capture(scenario, 'gateway_log_file.jsonl', root)
    .split('\n')
    .filter((l) => {
      const t = /"time":"([^"]+)"/.exec(l)?.[1];
      return !t || Date.parse(t) <= cut;
    })
    .join('\n');
}

function plantedCopy(
  name: string,
  from: string,
  root: string,
  plant: (text: string, file: string) => string,
): string {
  mkdirSync(join(root, name), { recursive: true });
  for (const file of readdirSync(join(from, name))) {
    writeFileSync(join(root, name, file), plant(capture(name, file, from), file));
  }
  return root;
}

/**
 * A stand-in for a running OpenClaw gateway: a process named `openclaw-gateway` (as the real one
 * names itself) that carries the environment it was given, for clawops's /proc reads, and a
 * loopback port that answers, held by this process. The process is `sleep`, not node: a scenario
 * starts one each, and a node start costs ~40 ms of CPU. It ends with `close()` (or after an hour,
 * should the test process die first).
 */
async function startFakeGateway(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; close(): Promise<void> }> {
  const server = createServer((socket) => socket.end());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const child = spawn('sleep', ['3600'], {
    argv0: 'openclaw-gateway',
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'ignore',
  });
  await once(child, 'spawn');
  return {
    child,
    port: (server.address() as { port: number }).port,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type ScenarioOptions = {
  /** The OpenClaw version whose capture to replay (default the one most tests replay). */
  version?: string;
  /** Put the gateway log file where `gateway status` says it is (default true). */
  logFile?: boolean;
  /** Speed of the replay: 1 = the real per-command durations (default 0: at once). */
  speed?: number;
  /** Capture names that never answer, print garbage, or lack `--json`. */
  hang?: readonly string[];
  garbage?: readonly string[];
  noJson?: readonly string[];
  /** Extra environment for clawops (and so for the `openclaw` it runs). */
  env?: Record<string, string>;
  /** Rewrites every captured file (outputs, log, config, gateway environment) before the run. */
  plant?: (text: string, file: string) => string;
  /**
   * How long before now the capture was taken (default 0): every captured time is moved so that
   * the lab read the log this long ago, as a worker diagnosing the host now would find it.
   */
  capturedAgoMs?: number;
};

export type Scenario = {
  readonly name: string;
  readonly meta: Meta;
  readonly dir: string;
  readonly env: Record<string, string>;
  /** A captured time (ISO text or ms since the epoch) as it reads in this scenario's copy. */
  moved(time: string | number): Date;
  /** Every call of the fake `openclaw`: its pid and argv. */
  calls(): { pid: number; args: string[] }[];
  stop(): Promise<void>;
};

/** The log file's name as the captured `gateway status --json` gives it (the day the capture ran). */
function capturedLogName(root: string, name: string): string {
  const logFile =
    namedLogFile(root, name) ?? /^File logs: (\S+)/m.exec(capture(name, 'gateway_status.out', root))?.[1];
  return logFile ? basename(logFile) : 'openclaw-2026-11-24.log';
}

/** The log file `gateway status --json` names; builds before 2026.7 name none. */
const namedLogFile = (root: string, name: string): string | undefined =>
  /"logFile":\s*"([^"]+)"/.exec(capture(name, 'gateway_status_json.out', root))?.[1];

/**
 * The captured config. Where `gateway status --json` names no log file, clawops looks at
 * OpenClaw's default path, which on the lab host held the capture's log but on a test host is
 * shared: the copy names the test's log file in `logging.file`, read the way OpenClaw reads it.
 */
function configOf(root: string, name: string, logFile: string | null): string {
  const text = capture(name, 'openclaw.json.snapshot', root);
  if (logFile === null || namedLogFile(root, name)) return text;
  try {
    const cfg = JSON.parse(text) as { logging?: Record<string, unknown> };
    return JSON.stringify({ ...cfg, logging: { ...cfg.logging, file: logFile } }, null, 2);
  } catch {
    return text; // a config broken on purpose stays broken
  }
}

/**
 * Lays out one captured scenario as a gateway host: a private HOME with the captured config, the
 * log file, a live stand-in gateway process (unless the gateway was down) with the captured
 * environment, and the fake `openclaw` that replays the captured output.
 */
export async function prepareScenario(name: string, opts: ScenarioOptions = {}): Promise<Scenario> {
  const from = capturesOf(opts.version ?? CAPTURED_VERSION);
  const meta = readMeta(name, from);
  const dir = mkdtempSync(join(tmpdir(), `clawops-${name}-`));
  const around = capturedAt(name, from);
  // Whole seconds: a captured `20:39:28` reads as a whole second in the copy too.
  const shiftMs = Math.round((Date.now() - (opts.capturedAgoMs ?? 0) - around) / 1000) * 1000;
  const plant = opts.plant ?? ((text: string) => text);
  const root = plantedCopy(name, from, join(dir, 'captures'), (text, file) =>
    plant(shiftTimes(text, shiftMs, around), file),
  );
  const home = join(dir, 'home');
  mkdirSync(join(home, '.openclaw'), { recursive: true });
  const logDir = join(dir, 'openclaw');
  mkdirSync(logDir);
  const logPath = opts.logFile === false ? null : join(logDir, capturedLogName(root, name));
  writeFileSync(join(home, '.openclaw/openclaw.json'), configOf(root, name, logPath));
  if (logPath) writeFileSync(logPath, logFileAtCapture(name, root, around + shiftMs));
  const calls = join(dir, 'calls.jsonl');

  const gatewayRan = 'gateway_start_to_listen' in meta.timings_s;
  const gateway = gatewayRan ? await startFakeGateway(gatewayEnvOf(name, root)) : null;
  const port = gateway?.port ?? (await freePort());
  const list = (xs?: readonly string[]) => (xs ?? []).join(',');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    OPENCLAW_BIN: FAKE_OPENCLAW,
    OPENCLAW_GATEWAY_PORT: String(port),
    CLAWOPS_HOST: 'gw-test',
    FAKE_OPENCLAW_SCENARIO_DIR: join(root, name),
    FAKE_OPENCLAW_TMP: logDir,
    FAKE_OPENCLAW_CALLS: calls,
    FAKE_OPENCLAW_SPEED: String(opts.speed ?? 0),
    FAKE_OPENCLAW_HANG: list(opts.hang),
    FAKE_OPENCLAW_GARBAGE: list(opts.garbage),
    FAKE_OPENCLAW_NO_JSON: list(opts.noJson),
    ...(gateway?.child.pid ? { FAKE_OPENCLAW_GATEWAY_PID: String(gateway.child.pid) } : {}),
    ...opts.env,
  };
  return {
    name,
    meta,
    dir,
    env,
    moved: (time) => new Date((typeof time === 'number' ? time : Date.parse(time)) + shiftMs),
    calls: () =>
      existsSync(calls)
        ? readFileSync(calls, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as { pid: number; args: string[] })
        : [],
    async stop() {
      await gateway?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the built `clawops` CLI as a real subprocess. */
export async function runClawops(args: readonly string[], env: Record<string, string>, input?: string) {
  const result = await execa(process.execPath, [CLI, ...args], {
    env,
    extendEnv: false,
    reject: false,
    ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
    timeout: 60_000,
  });
  return { code: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
