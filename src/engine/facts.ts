import JSON5 from 'json5';
import type { LogEvent } from './log-events.js';
import { eventKind, toLogEvent } from './log-events.js';
import type { LogSource, Observations, ProbeName, ProbeRun } from './observations.js';
import type { GatewayStatus } from './parse/gateway-status.js';
import { parseGatewayStatus } from './parse/gateway-status.js';
import { parseJsonLoose } from './parse/json.js';
import { type LogEntry, parseLog } from './parse/log-lines.js';
import type { ModelsStatus } from './parse/models-status.js';
import { parseModelsStatusJson, parseModelsStatusText } from './parse/models-status.js';
import { clip, lines } from './parse/text.js';
import { classifyText } from './text-rules.js';

/** How far back a provider failure still counts as current. */
export const RECENT_WINDOW_MS = 60 * 60 * 1000;

/** The parsed, cross-checked view of a host that the rules read. */
export type Facts = {
  readonly obs: Observations;
  /** Every OpenClaw command failed to start: the CLI is not there. */
  readonly openclawMissing: boolean;
  readonly gateway: GatewayStatus | null;
  readonly models: ModelsStatus | null;
  /** Route events from the log (and from doctor), oldest first, within the recent window (and since `since`). */
  readonly events: readonly LogEvent[];
  /** `obs.since` in ms: log events before it are `history`; `null` when the whole window counts. */
  readonly since: number | null;
  /** Log events of the recent window from before `since` (or without a time, when `since` is set). */
  readonly history: readonly LogEvent[];
  /** "Now": the worker's clock at the start of the run, never a time read from the log. */
  readonly referenceTime: number;
  /** The OpenClaw config file as parsed; `{}` when there is none or it could not be read. */
  readonly config: unknown;
  /** Why the OpenClaw config is unusable, when it is. */
  readonly configError: string | null;
  /** `models.providers.anthropic.baseUrl` from the config file. */
  readonly configBaseUrl: string | null;
  /** Problems with the probes themselves (timeouts, garbage), as evidence lines. */
  readonly probeProblems: readonly string[];
};

export function findProbe(obs: Observations, name: ProbeName): ProbeRun | undefined {
  return (
    obs.probes.find((p) => p.name === name && p.exitCode !== null && p.stdout.trim() !== '') ??
    obs.probes.find((p) => p.name === name)
  );
}

function readGateway(run: ProbeRun | undefined): GatewayStatus | null {
  if (!run || run.exitCode === null) return null;
  return parseGatewayStatus(run);
}

function readModels(run: ProbeRun | undefined): ModelsStatus | null {
  if (!run || run.exitCode === null) return null;
  return run.format === 'json' ? parseModelsStatusJson(run.stdout) : parseModelsStatusText(run.stdout);
}

function describeProblem(run: ProbeRun, parsed: boolean): string | null {
  const cmd = run.argv.join(' ');
  if (run.failure === 'not-found' || run.failure === 'not-executable')
    return `\`${cmd}\` could not start (${run.failure})`;
  if (run.timedOut)
    return `\`${cmd}\` gave no answer within ${Math.round(run.durationMs / 1000)} s and was stopped`;
  if (run.failure === 'output-capped')
    return `\`${cmd}\` printed more than clawops reads; the output was cut`;
  if (!parsed) {
    const said = lines(`${run.stderr}\n${run.stdout}`)[0];
    const what = run.exitCode === 0 ? 'printed something' : `exited ${run.exitCode ?? '?'} with output`;
    return `\`${cmd}\` ${what} clawops could not read${said ? `: ${clip(said, 160)}` : ''}`;
  }
  return null;
}

type ConfigView = { parsed: unknown; error: string | null; baseUrl: string | null };

function readConfig(obs: Observations): ConfigView {
  const file = obs.config;
  if (!file || 'error' in file) return { parsed: {}, error: null, baseUrl: null };
  try {
    const cfg: unknown = JSON5.parse(file.text);
    const anthropic = (cfg as { models?: { providers?: { anthropic?: { baseUrl?: unknown } } } })?.models
      ?.providers?.anthropic;
    return {
      parsed: cfg,
      error: null,
      baseUrl: typeof anthropic?.baseUrl === 'string' ? anthropic.baseUrl : null,
    };
  } catch (err) {
    return {
      parsed: {},
      error: `${file.path}: ${err instanceof Error ? err.message : String(err)}`,
      baseUrl: null,
    };
  }
}

/** Config errors that OpenClaw itself reported on stderr or in `gateway status`. */
function reportedConfigError(obs: Observations, gateway: GatewayStatus | null): string | null {
  if (gateway?.configValid === false)
    return gateway.configIssues[0] ?? 'gateway status reports the config as invalid';
  for (const run of obs.probes) {
    const line = lines(run.stderr).find((l) => classifyText(l)?.label === 'config_invalid');
    if (line) return clip(line);
  }
  return null;
}

/** Doctor output is evidence too: its findings and boxes name cooldowns, OAuth and config problems. */
function doctorEvents(run: ProbeRun | undefined, time: number): LogEvent[] {
  if (!run || run.exitCode === null) return [];
  const json = parseJsonLoose(run.stdout);
  const findings = json.ok ? (json.value as { findings?: unknown }).findings : undefined;
  const texts = Array.isArray(findings)
    ? findings.flatMap((x) => (typeof x?.message === 'string' ? [x.message as string] : []))
    : lines(run.stdout);
  return texts.flatMap((line) => {
    const text = line.replace(/^[│|◇\s]+|[│|╮╯─\s]+$/g, '');
    const match = classifyText(text);
    if (!match || match.label === 'network') return [];
    const kind = eventKind(match);
    return [
      { time, kind, label: match.label, provider: null, text: clip(`doctor: ${text}`) } satisfies LogEvent,
    ];
  });
}

/**
 * The worker asks whether doctor is needed and then diagnoses, over the same log; parsing a
 * 4 MB tail costs about 130 ms, so each log source is parsed once. The entries never change.
 */
const parsedLogs = new WeakMap<LogSource, readonly LogEntry[]>();

function logEntries(log: LogSource): readonly LogEntry[] {
  const known = parsedLogs.get(log);
  if (known) return known;
  const entries = parseLog(log.text);
  parsedLogs.set(log, entries);
  return entries;
}

/** Parses every observation once and cross-checks what the rules need. Pure. */
export function gatherFacts(obs: Observations): Facts {
  const gatewayRun = findProbe(obs, 'gateway-status');
  const modelsRun = findProbe(obs, 'models-status');
  const gateway = readGateway(gatewayRun);
  const models = readModels(modelsRun);
  const cliRuns = obs.probes;
  const openclawMissing =
    cliRuns.length > 0 && cliRuns.every((r) => r.failure === 'not-found' || r.failure === 'not-executable');

  const entries = obs.log ? logEntries(obs.log) : [];
  // On a quiet gateway the newest line can be hours old: "now" is when the worker looked.
  const referenceTime = obs.startedAt.getTime();
  const windowStart = referenceTime - RECENT_WINDOW_MS;
  const logEvents = entries.flatMap((e) => {
    const event = e.time === null || e.time >= windowStart ? toLogEvent(e) : null;
    return event ? [event] : [];
  });
  // After a fix, only what the log shows since it ended is current; a line without a time cannot say.
  const since = obs.since ? obs.since.getTime() : null;
  const current = (e: LogEvent) => since === null || (e.time !== null && e.time >= since);
  const events = [...logEvents.filter(current), ...doctorEvents(findProbe(obs, 'doctor'), referenceTime)];
  const history = logEvents.filter((e) => !current(e));

  const config = readConfig(obs);
  const probeProblems = [
    gatewayRun ? describeProblem(gatewayRun, gateway !== null) : null,
    modelsRun ? describeProblem(modelsRun, models !== null) : null,
    ...obs.probes
      .filter((r) => r.name !== 'gateway-status' && r.name !== 'models-status')
      .map((r) => describeProblem(r, true)),
  ].filter((p): p is string => p !== null);

  return {
    obs,
    openclawMissing,
    gateway,
    models,
    events,
    since,
    history,
    referenceTime,
    config: config.parsed,
    configError: config.error ?? reportedConfigError(obs, gateway),
    configBaseUrl: config.baseUrl,
    probeProblems,
  };
}
