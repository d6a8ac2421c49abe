import JSON5 from 'json5';
import { UserError } from '../core/errors.js';
import { readRoutesConfig } from '../engine/agents-config.js';
import { needsDoctor } from '../engine/needs-doctor.js';
import type {
  ConfigFile,
  GatewayEnv,
  LogSource,
  Observations,
  PortCheck,
  ProbeName,
  ProbeRun,
} from '../engine/observations.js';
import { parseGatewayStatus } from '../engine/parse/gateway-status.js';
import { secretsInConfig, secretsInEnv } from '../engine/secrets.js';
import { PROBES, type ProbeSpec } from './catalogue.js';
import { secretsInEnvFiles } from './env-files.js';
import { readCliVersion } from './gateway-info.js';
import { type FileRead, readGatewayEnv, readText } from './host-files.js';
import { defaultLogFile, isGatewayLog, readDailyLog } from './log-file.js';
import { checkPort } from './port-check.js';
import { runProbe } from './run-probe.js';

/** One step of a diagnosis, for live progress in chat. */
export type ProbeProgress =
  | { readonly probe: ProbeName | 'port' | 'log-file' | 'gateway-env'; readonly state: 'started' }
  | {
      readonly probe: ProbeName | 'port' | 'log-file' | 'gateway-env';
      readonly state: 'done';
      readonly ok: boolean;
      readonly durationMs: number;
    };

export type CollectOptions = {
  readonly host: string;
  /** The `openclaw` executable. */
  readonly bin: string;
  /** The complete environment for `openclaw` commands. */
  readonly env: Readonly<Record<string, string>>;
  /** Diagnose this agent's routes (`models status --agent`), not the default agent's. */
  readonly agent?: string | undefined;
  /** Run every probe, doctor included. */
  readonly deep?: boolean;
  /** Replaces every probe's own timeout. */
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ProbeProgress) => void;
  /** Where to read process information; `/proc` on Linux. */
  readonly procRoot?: string;
  /** Secrets known before this run (the host's inventory), removed as well as those found now. */
  readonly knownSecrets?: readonly string[];
};

/** OpenClaw's default gateway port, when neither OPENCLAW_GATEWAY_PORT nor the config names another. */
export const DEFAULT_GATEWAY_PORT = 18789;
/** Other agents whose credentials are read; beyond this many, a diagnosis would wait on them. */
const MAX_AGENT_PROBES = 8;

const forAgent = (spec: ProbeSpec, agent: string): ProbeSpec => ({
  ...spec,
  json: [...spec.json, '--agent', agent],
  text: spec.text && [...spec.text, '--agent', agent],
});

/** `$OPENCLAW_CONFIG_PATH`, else `<state dir>/openclaw.json` with the state dir OpenClaw would use. */
export function configPath(env: Readonly<Record<string, string | undefined>>): string {
  if (env.OPENCLAW_CONFIG_PATH) return env.OPENCLAW_CONFIG_PATH;
  const home = env.OPENCLAW_HOME ?? env.HOME ?? '/root';
  return `${env.OPENCLAW_STATE_DIR ?? `${home}/.openclaw`}/openclaw.json`;
}

type ConfigView = { file: ConfigFile; parsed: Record<string, unknown> | null };

/** The OpenClaw config as read from disk, and parsed when it parses. */
export async function readConfig(env: Readonly<Record<string, string | undefined>>): Promise<ConfigView> {
  const path = configPath(env);
  const read = await readText(path);
  if (!read.ok) return { file: { path, error: read.reason }, parsed: null };
  try {
    const parsed: unknown = JSON5.parse(read.text);
    return {
      file: { path, text: read.text },
      parsed: typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null,
    };
  } catch {
    return { file: { path, text: read.text }, parsed: null };
  }
}

const isUnknownFlag = (run: ProbeRun): boolean =>
  run.exitCode !== 0 && /unknown option|unknown command|too many arguments/i.test(run.stderr);

/**
 * Gathers everything a diagnosis needs from the gateway host, as fast as the slowest probe it
 * needs: the commands run side by side, files are read directly where that is cheaper, and
 * commands that hang with a stopped gateway are not started when the port refuses.
 */
export async function collect(opts: CollectOptions): Promise<Observations> {
  const startedAt = new Date();
  const t0 = performance.now();
  const notes: string[] = [];
  const probes: ProbeRun[] = [];
  const progress = opts.onProgress ?? (() => {});

  const timed = async <T>(
    probe: ProbeProgress['probe'],
    work: () => Promise<T>,
    ok: (t: T) => boolean,
  ): Promise<T> => {
    progress({ probe, state: 'started' });
    const started = performance.now();
    const result = await work();
    progress({ probe, state: 'done', ok: ok(result), durationMs: Math.round(performance.now() - started) });
    return result;
  };

  const run = (spec: ProbeSpec, into: ProbeRun[] = probes): Promise<ProbeRun> =>
    timed(
      spec.name,
      async () => {
        const base = {
          name: spec.name,
          timeoutMs: opts.timeoutMs ?? spec.timeoutMs,
          maxBytes: spec.maxBytes,
          env: opts.env,
          ...(opts.signal ? { signal: opts.signal } : {}),
        };
        const json = await runProbe(opts.bin, spec.json, { ...base, format: 'json' });
        into.push(json);
        if (!isUnknownFlag(json) || spec.text === null) return json;
        notes.push(
          `\`openclaw ${spec.json.join(' ')}\` is not supported by this OpenClaw; read its text form instead`,
        );
        const text = await runProbe(opts.bin, spec.text, { ...base, format: 'text' });
        into.push(text);
        return text;
      },
      (r) => r.exitCode === 0,
    );

  const config = await readConfig(opts.env);
  const agents = config.parsed ? readRoutesConfig(config.parsed).agents : [];
  if (opts.agent && config.parsed && !agents.some((a) => a.id === opts.agent))
    throw new UserError(
      'usage',
      `agent "${opts.agent}" is not configured on ${opts.host}; its agents: ${agents.map((a) => a.id).join(', ')}`,
    );
  const diagnosed = opts.agent ?? agents.find((a) => a.isDefault)?.id;
  const gatewayCfg = (config.parsed?.gateway ?? {}) as { port?: unknown };
  const loggingCfg = (config.parsed?.logging ?? {}) as { file?: unknown };
  const port =
    Number(opts.env.OPENCLAW_GATEWAY_PORT) ||
    (typeof gatewayCfg.port === 'number' ? gatewayCfg.port : DEFAULT_GATEWAY_PORT);
  const guessedLog =
    typeof loggingCfg.file === 'string' ? loggingCfg.file : defaultLogFile(opts.env, startedAt);

  const portP = timed(
    'port',
    () => checkPort('127.0.0.1', port),
    (p: PortCheck) => p.state === 'open',
  );
  const gatewayP = run(PROBES['gateway-status']);
  const modelsP = run(opts.agent ? forAgent(PROBES['models-status'], opts.agent) : PROBES['models-status']);
  // Every other agent's credentials: a new agent does not always have what the default one has.
  const others = agents.filter((a) => a.id !== diagnosed).slice(0, MAX_AGENT_PROBES);
  if (agents.length - 1 > MAX_AGENT_PROBES)
    notes.push(`credentials of ${MAX_AGENT_PROBES} other agents read, not of all ${agents.length - 1}`);
  const agentsP = Promise.all(
    others.map(async (a) => {
      const spec = forAgent(PROBES['models-status'], a.id);
      return { agent: a.id, run: await run({ ...spec, text: null }, []) };
    }),
  );
  const guessP = timed(
    'log-file',
    () => readDailyLog(guessedLog, startedAt),
    (r) => r.ok,
  );
  const extraP = opts.deep
    ? portP.then((p) => {
        const specs = [PROBES.doctor, PROBES.status, PROBES.health].filter(
          (s) => p.state === 'open' || !s.needsGateway,
        );
        if (p.state !== 'open')
          notes.push(
            'gateway port refused: `openclaw status` and `openclaw health` skipped (they wait a minute on a stopped gateway)',
          );
        return Promise.all(specs.map((s) => run(s)));
      })
    : Promise.resolve([]);
  // A config that does not parse settles the verdict already, and doctor names the exact
  // problem: ask it now, beside the other probes, rather than after them.
  const doctorEarly = !opts.deep && config.parsed === null && 'text' in config.file;
  if (doctorEarly)
    notes.push('the config does not parse: ran `openclaw doctor --json` beside the other probes');
  const doctorP = doctorEarly ? run(PROBES.doctor) : Promise.resolve(null);
  const envFilesP = secretsInEnvFiles(opts.env);

  const gatewayRun = await gatewayP;
  const gateway = parseGatewayStatus(gatewayRun);
  const versionP = gateway && !gateway.cliVersion ? readCliVersion(opts.bin, opts.env, opts.signal) : null;

  const log = await readLog(gateway?.logFile ?? null, guessedLog, await guessP, run, notes, startedAt);
  const gatewayRead = await timed(
    'gateway-env',
    () => findGatewayEnv(gateway?.listeners ?? [], opts.procRoot, notes),
    (e) => e !== undefined,
  );
  const gatewayEnv = gatewayRead?.env;
  const [portCheck, envFileSecrets, , agentProbes, , , cliVersion] = await Promise.all([
    portP,
    envFilesP,
    modelsP,
    agentsP,
    extraP,
    doctorP,
    versionP,
  ]);

  const observed = (): Observations => ({
    host: opts.host,
    startedAt,
    durationMs: performance.now() - t0,
    probes: [...probes],
    port: portCheck,
    ...(log ? { log } : {}),
    ...(gatewayEnv ? { gatewayEnv } : {}),
    ...(cliVersion ? { cliVersion } : {}),
    config: config.file,
    ...(opts.agent ? { agent: opts.agent } : {}),
    ...(agentProbes.length ? { agentProbes } : {}),
    notes: [...notes],
    knownSecrets: [
      ...(opts.knownSecrets ?? []),
      ...secretsInConfig(config.parsed),
      ...secretsInEnv(opts.env),
      ...envFileSecrets,
      ...(gatewayRead?.secrets ?? []),
    ],
  });
  if (!opts.deep && !doctorEarly && needsDoctor(observed())) {
    notes.push(
      'ran `openclaw doctor --json`: the quick probes point at the config or settle nothing, and doctor names the problem',
    );
    await run(PROBES.doctor);
  }
  return observed();
}

/**
 * The gateway log: the file `gateway status` names (or the one the config and OpenClaw's default
 * point at), read directly; `openclaw logs` only when no such file can be read as a gateway log.
 */
async function readLog(
  named: string | null,
  guessed: string,
  guess: FileRead,
  run: (spec: ProbeSpec) => Promise<ProbeRun>,
  notes: string[],
  now: Date,
): Promise<LogSource | undefined> {
  const path = named ?? guessed;
  const read = path === guessed ? guess : await readDailyLog(path, now);
  if (read.ok && isGatewayLog(read.text)) return { source: 'file', path, text: read.text };
  const why = read.ok ? 'not an OpenClaw gateway log' : read.reason;
  notes.push(`log file ${path} is ${why}; read \`openclaw logs --json\` instead`);
  const fromCli = await run(PROBES.logs);
  // Killed, or failed without printing a line: no log was read, which is not a quiet log.
  const unread = fromCli.exitCode === null || (fromCli.exitCode !== 0 && fromCli.stdout.trim() === '');
  return unread ? undefined : { source: 'cli', path: null, text: `${fromCli.stdout}\n${fromCli.stderr}` };
}

async function findGatewayEnv(
  listeners: readonly { pid: number }[],
  procRoot: string | undefined,
  notes: string[],
): Promise<{ env: GatewayEnv; secrets: string[] } | undefined> {
  for (const { pid } of listeners) {
    const read = await readGatewayEnv(pid, procRoot);
    if (read.ok) return read;
    notes.push(`gateway environment not read: ${read.reason}`);
  }
  return undefined;
}
