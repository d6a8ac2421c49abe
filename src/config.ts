import { accessSync, constants, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import JSON5 from 'json5';
import type { z } from 'zod';
import { EnvSchema, FileSchema, fileToEnv, LOG_LEVELS } from './config-schema.js';
import type { Config } from './config-type.js';
import { parseAlertChannels } from './core/alert-delivery.js';
import { UserError } from './core/errors.js';
import { secretsInEnv } from './engine/secrets.js';

export { LOG_LEVELS };

/** Variables of clawops itself that `openclaw` must never see. */
const PRIVATE_VARS = /^(?:SLACK_|DISCORD_|REDIS_URL$|CLAWOPS_)/;

export type { Config };

/** Which process the settings are for: each needs more than the schema alone asks. */
export type Role = 'bot' | 'worker' | 'dev' | 'any';

type Env = Readonly<Record<string, string | undefined>>;

const issueLines = (issues: readonly z.core.$ZodIssue[], where: (path: string) => string): string[] =>
  issues.map((i) => `${where(i.path.map(String).join('.'))}: ${i.message}`);

/** The config file named by CLAWOPS_CONFIG, as variables; its problems, each with its place. */
function readConfigFile(path: string | undefined): { env: Record<string, string>; problems: string[] } {
  if (!path) return { env: {}, problems: [] };
  let raw: unknown;
  try {
    raw = JSON5.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    return { env: {}, problems: [`CLAWOPS_CONFIG: cannot read ${path}: ${why}`] };
  }
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success)
    return { env: {}, problems: issueLines(parsed.error.issues, (at) => `${path}: ${at || '(top level)'}`) };
  return { env: fileToEnv(parsed.data), problems: [] };
}

/** Whether `bin` names an executable file, as PATH lookup would find it. */
function findsExecutable(bin: string, path: string | undefined): boolean {
  const candidates =
    isAbsolute(bin) || bin.includes('/') ? [bin] : (path ?? '').split(delimiter).map((d) => join(d, bin));
  return candidates.some((c) => {
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Problems no single variable shows: settings that only make sense together, and what a role needs. */
function crossProblems(c: Config, env: Env, role: Role): string[] {
  const out: string[] = [];
  if (!c.slack && (env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN))
    out.push('SLACK_BOT_TOKEN: needed when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
  if (c.slack && !c.slack.appToken && !c.slack.signingSecret)
    out.push(
      'SLACK_SIGNING_SECRET: Slack HTTP mode needs SLACK_SIGNING_SECRET to verify requests (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  if (c.discord && !c.discord.applicationId)
    out.push('DISCORD_APPLICATION_ID: Discord needs DISCORD_APPLICATION_ID to register /claw');
  for (const platform of ['slack', 'discord'] as const)
    if (c.alerts.platforms.has(platform) && !c[platform])
      out.push(
        `CLAWOPS_ALERT_CHANNELS: routes alerts to ${platform}, which is not configured (${platform === 'slack' ? 'SLACK_BOT_TOKEN' : 'DISCORD_TOKEN'})`,
      );
  if ((role === 'bot' || role === 'worker') && !c.redisUrl)
    out.push(
      `REDIS_URL: clawops ${role} needs REDIS_URL (for example redis://127.0.0.1:6379) ${role === 'bot' ? 'to reach the workers on the gateway hosts' : 'to reach the bot'}; without Redis, \`clawops dev\` runs bot and worker in one process`,
    );
  if (role === 'bot' && !c.slack && !c.discord)
    out.push(
      'SLACK_BOT_TOKEN / DISCORD_TOKEN: no chat platform is configured: set SLACK_BOT_TOKEN, or DISCORD_TOKEN and DISCORD_APPLICATION_ID',
    );
  return out;
}

/**
 * What is allowed but likely wrong: a worker without an `openclaw` to run still starts (every
 * verdict then says `openclaw_missing`, in the chat where people look), but is told at start.
 */
export function configWarnings(c: Config, role: Role, env: Env = process.env): string[] {
  if ((role === 'worker' || role === 'dev') && !findsExecutable(c.openclawBin, env.PATH))
    return [
      `OPENCLAW_BIN: "${c.openclawBin}" is not an executable on PATH; every diagnosis will say openclaw_missing`,
    ];
  return [];
}

/**
 * Checks the settings for `role` without starting anything: every problem at once, each naming
 * its variable (or its place in the config file). `config` is null when the schema failed.
 */
export function checkConfig(
  env: Env = process.env,
  role: Role = 'any',
): { config: Config | null; problems: string[] } {
  const file = readConfigFile(env.CLAWOPS_CONFIG?.trim() || undefined);
  const merged: Env = {
    ...file.env,
    ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  };
  const parsed = EnvSchema.safeParse(merged);
  if (parsed.success) {
    const config = build(parsed.data, env);
    return { config, problems: [...file.problems, ...crossProblems(config, merged, role)] };
  }
  // Every problem at once: check the rest as if the bad variables were unset.
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const problems = [...file.problems, ...issueLines(parsed.error.issues, (at) => at)];
  const rest = EnvSchema.safeParse(Object.fromEntries(Object.entries(merged).filter(([k]) => !bad.has(k))));
  if (rest.success)
    problems.push(
      // A problem that follows from a bad variable (Slack "not configured" when its token is bad) is said once.
      ...crossProblems(build(rest.data, env), merged, role).filter(
        (p) => ![...bad].some((k) => p.includes(k)),
      ),
    );
  return { config: null, problems };
}

/**
 * Reads clawops' settings from the environment (and CLAWOPS_CONFIG), once, at start. Nothing
 * else reads `process.env`. Every problem is reported at once, as a `config` error.
 */
export function loadConfig(env: Env, role: 'bot' | 'worker'): Config & { readonly redisUrl: string };
export function loadConfig(env?: Env, role?: Role): Config;
export function loadConfig(env: Env = process.env, role: Role = 'any'): Config {
  // For the bot and the worker the role check has made sure of REDIS_URL (the first overload).
  const { config, problems } = checkConfig(env, role);
  if (!config || problems.length)
    throw new UserError(
      'config',
      `invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  • ${p}`).join('\n')}`,
    );
  return config;
}

function build(data: z.output<typeof EnvSchema>, env: Env): Config {
  const alerts = parseAlertChannels(data.CLAWOPS_ALERT_CHANNELS);
  const probeEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !PRIVATE_VARS.test(k)) probeEnv[k] = v;
  probeEnv.NO_COLOR = '1';
  probeEnv.FORCE_COLOR = '0';
  return Object.freeze({
    openclawBin: data.OPENCLAW_BIN,
    host: data.CLAWOPS_HOST ?? hostname(),
    logLevel: data.CLAWOPS_LOG_LEVEL,
    probeTimeoutMs: data.CLAWOPS_PROBE_TIMEOUT_MS,
    redisUrl: data.REDIS_URL,
    redisPrefix: data.CLAWOPS_REDIS_PREFIX,
    workerLockMs: data.CLAWOPS_WORKER_LOCK_MS,
    workerStopGraceMs: data.CLAWOPS_WORKER_STOP_GRACE_MS,
    botAliveMs: data.CLAWOPS_BOT_ALIVE_MS,
    access: {
      channels: data.CLAWOPS_ALLOWED_CHANNELS,
      users: data.CLAWOPS_ALLOWED_USERS,
      roles: data.CLAWOPS_ALLOWED_ROLES,
    },
    discord: data.DISCORD_TOKEN
      ? {
          token: data.DISCORD_TOKEN,
          applicationId: data.DISCORD_APPLICATION_ID,
          guildId: data.DISCORD_GUILD_ID,
          apiUrl: data.DISCORD_API_URL,
        }
      : undefined,
    defaultHost: data.CLAWOPS_DEFAULT_HOST,
    slack: data.SLACK_BOT_TOKEN
      ? {
          botToken: data.SLACK_BOT_TOKEN,
          signingSecret: data.SLACK_SIGNING_SECRET,
          appToken: data.SLACK_APP_TOKEN,
          apiUrl: data.SLACK_API_URL,
        }
      : undefined,
    httpPort: data.CLAWOPS_HTTP_PORT,
    approval: {
      approvers: data.CLAWOPS_APPROVERS,
      groups: data.CLAWOPS_APPROVER_GROUPS,
      allowSelf: data.CLAWOPS_ALLOW_SELF_APPROVAL,
      ttlMs: data.CLAWOPS_APPROVAL_TTL_MS,
    },
    restart: {
      method: data.CLAWOPS_RESTART_METHOD,
      unit: data.CLAWOPS_SYSTEMD_UNIT,
      service: data.CLAWOPS_COMPOSE_SERVICE,
      file: data.CLAWOPS_COMPOSE_FILE,
      startCommand: data.CLAWOPS_START_COMMAND ? data.CLAWOPS_START_COMMAND.split(/\s+/) : undefined,
      perHour: data.CLAWOPS_RESTARTS_PER_HOUR,
      settleMs: data.CLAWOPS_FIX_SETTLE_MS,
    },
    alerts: {
      routes: alerts.routes,
      configured: data.CLAWOPS_ALERT_CHANNELS.trim() !== '',
      platforms: new Set(alerts.platforms),
      quietMs: data.CLAWOPS_ALERT_QUIET_MS,
      kinds: data.CLAWOPS_ALERT_KINDS,
      thresholds: { expiryWarnMs: data.CLAWOPS_EXPIRY_WARN_MS, silentMs: data.CLAWOPS_SILENT_ALERT_MS },
    },
    health: {
      port: data.CLAWOPS_HEALTH_PORT === 'off' ? null : data.CLAWOPS_HEALTH_PORT,
      host: data.CLAWOPS_HEALTH_HOST,
    },
    configFile: data.CLAWOPS_CONFIG,
    watch: {
      log: data.CLAWOPS_GATEWAY_LOG,
      statePollMs: data.CLAWOPS_STATE_POLL_MS,
      gateway: { checkMs: data.CLAWOPS_GATEWAY_CHECK_MS, confirmMs: data.CLAWOPS_GATEWAY_CONFIRM_MS },
      instance: data.OPENCLAW_PROFILE ?? 'default',
    },
    probeEnv: Object.freeze(probeEnv),
    ownSecrets: Object.freeze(secretsInEnv(env)),
  });
}
