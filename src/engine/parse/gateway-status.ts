import { z } from 'zod';
import { parseJsonLoose } from './json.js';
import { lines } from './text.js';

/** What clawops needs from `openclaw gateway status`, in either output form. */
export type GatewayStatus = {
  readonly form: 'json' | 'text';
  readonly cliVersion: string | null;
  readonly logFile: string | null;
  readonly port: number | null;
  /** `busy` when something listens on the gateway port, `free` when nothing does. */
  readonly portStatus: 'busy' | 'free' | null;
  readonly listeners: readonly { pid: number; command: string }[];
  readonly rpcOk: boolean | null;
  readonly rpcError: string | null;
  /** A gateway auth code such as `AUTH_TOKEN_MISMATCH`, when the connection was refused for auth. */
  readonly rpcAuthCode: string | null;
  readonly configValid: boolean | null;
  readonly configIssues: readonly string[];
  readonly lastError: string | null;
  /** A systemd or launchd service of the gateway is loaded; `null` when OpenClaw did not say. */
  readonly serviceLoaded: boolean | null;
};

const optStr = z.string().nullable().catch(null);

const GatewayStatusJson = z.looseObject({
  cli: z.looseObject({ version: optStr }).catch({ version: null }),
  logFile: optStr,
  gateway: z.looseObject({ port: z.number().nullable().catch(null) }).catch({ port: null }),
  port: z
    .looseObject({
      status: optStr,
      listeners: z
        .array(
          z.looseObject({
            pid: z.number(),
            command: z.string().catch(''),
            commandLine: z.string().optional(),
          }),
        )
        .catch([]),
    })
    .catch({ status: null, listeners: [] }),
  rpc: z
    .looseObject({
      ok: z.boolean().nullable().catch(null),
      error: optStr.optional(),
      connectFailure: z
        .looseObject({ kind: optStr, detailCode: optStr.optional() })
        .nullable()
        .catch(null)
        .optional(),
    })
    .catch({ ok: null }),
  config: z
    .looseObject({
      cli: z
        .looseObject({
          valid: z.boolean().nullable().catch(null),
          issues: z.array(z.looseObject({ message: z.string().catch('') })).catch([]),
        })
        .catch({ valid: null, issues: [] }),
    })
    .catch({ cli: { valid: null, issues: [] } }),
  lastError: optStr.optional(),
  service: z
    .looseObject({ loaded: z.boolean().nullable().catch(null) })
    .nullable()
    .catch(null)
    .optional(),
});

/** Some object is not a gateway status: it must carry at least one of its sections. */
const isGatewayStatus = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && ['rpc', 'port', 'gateway', 'logFile', 'service'].some((k) => k in v);

/** Parses `openclaw gateway status --json`. Returns `null` when the output holds no usable object. */
export function parseGatewayStatusJson(stdout: string): GatewayStatus | null {
  const json = parseJsonLoose(stdout);
  if (!json.ok || !isGatewayStatus(json.value)) return null;
  const parsed = GatewayStatusJson.safeParse(json.value);
  if (!parsed.success) return null;
  const d = parsed.data;
  const portStatus = d.port.status === 'busy' || d.port.status === 'free' ? d.port.status : null;
  return {
    form: 'json',
    cliVersion: d.cli.version,
    logFile: d.logFile,
    port: d.gateway.port,
    portStatus,
    listeners: d.port.listeners.map((l) => ({ pid: l.pid, command: l.commandLine ?? l.command })),
    rpcOk: d.rpc.ok,
    rpcError: d.rpc.error ?? null,
    rpcAuthCode: d.rpc.connectFailure?.detailCode ?? null,
    configValid: d.config.cli.valid,
    configIssues: d.config.cli.issues.map((i) => i.message).filter(Boolean),
    lastError: d.lastError ?? null,
    serviceLoaded: d.service?.loaded ?? null,
  };
}

/**
 * The version in what `openclaw --version` prints (`OpenClaw 2026.3.13 (61d171a)`): builds
 * before 2026.7 leave `cli.version` out of `gateway status --json`.
 */
export function parseVersionLine(text: string): string | null {
  return /\b(20\d\d\.\d{1,2}\.\d{1,2}(?:-[0-9A-Za-z.]+)?)\b/.exec(text)?.[1] ?? null;
}

/** Parses `gateway status` in whichever form it was asked for. */
export function parseGatewayStatus(run: {
  readonly format: 'json' | 'text';
  readonly stdout: string;
  readonly stderr: string;
}): GatewayStatus | null {
  return run.format === 'json'
    ? parseGatewayStatusJson(run.stdout)
    : parseGatewayStatusText(run.stdout, run.stderr);
}

/** `Service: systemd (loaded)` or `Service: systemd (not loaded)`. */
function serviceLoadedText(line: string | null): boolean | null {
  const state = line ? /\((loaded|not loaded)\)\s*$/.exec(line)?.[1] : undefined;
  return state === undefined ? null : state === 'loaded';
}

/** Parses the text form of `openclaw gateway status` (stdout and stderr together). */
export function parseGatewayStatusText(stdout: string, stderr: string): GatewayStatus | null {
  const all = lines(`${stdout}\n${stderr}`);
  const value = (prefix: string) =>
    all
      .find((l) => l.startsWith(prefix))
      ?.slice(prefix.length)
      .trim() ?? null;
  if (!all.some((l) => /^(File logs|Probe target|Gateway):/.test(l))) return null;
  const probe = value('Connectivity probe:') ?? value('RPC probe:');
  const failedAt = all.findIndex((l) => /^(Connectivity|RPC) probe: failed/.test(l));
  const rpcError =
    failedAt < 0 ? null : (all.slice(failedAt + 1).find((l) => !/^[A-Z][\w ]+:/.test(l)) ?? null);
  const listening = value('Listening:');
  const port = /port=(\d+)/.exec(value('Gateway:') ?? '')?.[1];
  const configLine = value('Config (cli):');
  return {
    form: 'text',
    cliVersion: value('CLI version:')?.split(' ')[0] ?? null,
    logFile: value('File logs:'),
    port: port ? Number(port) : null,
    portStatus: listening ? 'busy' : rpcError?.includes('ECONNREFUSED') ? 'free' : null,
    listeners: all.flatMap((l) => {
      const m = /^- pid (\d+) \S+: (.+?) \(/.exec(l);
      return m?.[1] && m[2] ? [{ pid: Number(m[1]), command: m[2] }] : [];
    }),
    rpcOk: probe === null ? null : probe.startsWith('ok'),
    rpcError,
    rpcAuthCode: null,
    configValid: configLine === null ? null : !configLine.includes('(invalid)'),
    configIssues: [],
    lastError: value('Last gateway error:'),
    serviceLoaded: serviceLoadedText(value('Service:')),
  };
}
