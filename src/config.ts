import { hostname } from 'node:os';
import { z } from 'zod';
import { type AlertRoute, parseAlertChannels } from './core/alert-delivery.js';
import { UserError } from './core/errors.js';
import { HostNameSchema } from './core/job.js';

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

/** A comma-separated list of platform ids (channels, users); empty allows everyone. */
const idList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

const EnvSchema = z.object({
  OPENCLAW_BIN: z.string().trim().min(1, 'must name an executable').default('openclaw'),
  CLAWOPS_HOST: HostNameSchema.optional(),
  CLAWOPS_LOG_LEVEL: z.enum(LOG_LEVELS).default('warn'),
  CLAWOPS_PROBE_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).optional(),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  CLAWOPS_REDIS_PREFIX: z
    .string()
    .regex(/^[\w.-]{1,40}$/, 'letters, digits, ".", "-" and "_" only, at most 40')
    .default('clawops'),
  CLAWOPS_WORKER_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  CLAWOPS_WORKER_STOP_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
  CLAWOPS_ALLOWED_CHANNELS: idList,
  CLAWOPS_ALLOWED_USERS: idList,
  CLAWOPS_DEFAULT_HOST: HostNameSchema.optional(),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'a Slack bot token starts with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'a Slack app-level token starts with xapp-').optional(),
  SLACK_API_URL: z.url().optional(),
  CLAWOPS_HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  CLAWOPS_ALLOWED_ROLES: idList,
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_APPLICATION_ID: z
    .string()
    .regex(/^\d{5,25}$/, 'a Discord application id (digits)')
    .optional(),
  DISCORD_GUILD_ID: z
    .string()
    .regex(/^\d{5,25}$/, 'a Discord guild id (digits)')
    .optional(),
  DISCORD_API_URL: z.url().optional(),
  CLAWOPS_APPROVERS: idList,
  CLAWOPS_APPROVER_GROUPS: idList,
  CLAWOPS_ALLOW_SELF_APPROVAL: z.stringbool().default(false),
  CLAWOPS_APPROVAL_TTL_MS: z.coerce
    .number()
    .int()
    .min(10_000)
    .max(24 * 3600_000)
    .default(15 * 60_000),
  CLAWOPS_RESTARTS_PER_HOUR: z.coerce.number().int().min(0).max(100).default(3),
  CLAWOPS_RESTART_METHOD: z.enum(['openclaw', 'systemd', 'compose']).default('openclaw'),
  CLAWOPS_SYSTEMD_UNIT: z
    .string()
    .regex(/^[\w@.-]+$/)
    .default('openclaw-gateway.service'),
  CLAWOPS_COMPOSE_SERVICE: z
    .string()
    .regex(/^[\w.-]+$/)
    .default('openclaw-gateway'),
  CLAWOPS_COMPOSE_FILE: z.string().min(1).optional(),
  CLAWOPS_ALERT_CHANNELS: z
    .string()
    .default('')
    .superRefine((spec, ctx) => {
      for (const problem of parseAlertChannels(spec).problems)
        ctx.addIssue({ code: 'custom', message: problem });
    }),
  CLAWOPS_ALERT_QUIET_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  CLAWOPS_STATE_POLL_MS: z.coerce
    .number()
    .int()
    .refine((v) => v === 0 || (v >= 10_000 && v <= 86_400_000), '0 (never) or 10000 to 86400000')
    .default(300_000),
  CLAWOPS_GATEWAY_LOG: z
    .string()
    .trim()
    .refine((v) => v === 'cli' || v === 'off' || v.startsWith('/'), 'an absolute path, "cli" or "off"')
    .optional(),
  OPENCLAW_PROFILE: z
    .string()
    .regex(/^[\w.-]{1,64}$/, 'an OpenClaw profile name')
    .optional(),
});

/** Variables of clawops itself that `openclaw` must never see. */
const PRIVATE_VARS = /^(?:SLACK_|DISCORD_|REDIS_URL$|CLAWOPS_)/;

export type Config = {
  readonly openclawBin: string;
  readonly host: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** One timeout for every OpenClaw command, replacing each probe's own (slow hosts, tests). */
  readonly probeTimeoutMs: number | undefined;
  /** BullMQ's Redis; unset: `clawops dev` runs its worker in-process. */
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key, so several clawops installations can share one Redis. */
  readonly redisPrefix: string;
  /** How long a worker's claim on a running job lasts unrenewed: a dead worker's job is retaken after it. */
  readonly workerLockMs: number;
  /** On SIGTERM, how long the worker lets a running diagnosis finish before handing it back. */
  readonly workerStopGraceMs: number;
  /** Who may use `/claw`: channel, user and (Discord) role ids; empty lists allow everyone. */
  readonly access: {
    readonly channels: readonly string[];
    readonly users: readonly string[];
    readonly roles: readonly string[];
  };
  /** The host `/claw diagnose` means when none is named (else the only live one). */
  readonly defaultHost: string | undefined;
  /** Slack, when `SLACK_BOT_TOKEN` is set: HTTP mode with the signing secret, Socket Mode with the app token. */
  readonly slack:
    | {
        readonly botToken: string;
        readonly signingSecret: string | undefined;
        readonly appToken: string | undefined;
        readonly apiUrl: string | undefined;
      }
    | undefined;
  /** Discord, when `DISCORD_TOKEN` is set. */
  readonly discord:
    | {
        readonly token: string;
        readonly applicationId: string | undefined;
        readonly guildId: string | undefined;
        readonly apiUrl: string | undefined;
      }
    | undefined;
  /** Who approves fixes: user ids, and Slack user group or Discord role ids. */
  readonly approval: {
    readonly approvers: readonly string[];
    readonly groups: readonly string[];
    readonly allowSelf: boolean;
    readonly ttlMs: number;
  };
  /** How this worker restarts its gateway, and how often it may. */
  readonly restart: {
    readonly method: 'openclaw' | 'systemd' | 'compose';
    readonly unit: string;
    readonly service: string;
    readonly file: string | undefined;
    readonly perHour: number;
  };
  /** Cooldown alerts (bot): the channels of each host, and how long an ended episode may come back. */
  readonly alerts: {
    readonly routes: (host: string) => readonly AlertRoute[];
    readonly configured: boolean;
    readonly quietMs: number;
  };
  /** Cooldown watching (worker). */
  readonly watch: {
    /** The log file to follow; `cli`: `openclaw logs --follow --json`; `off`: no watching; unset: ask OpenClaw. */
    readonly log: string | undefined;
    readonly statePollMs: number;
    /** The OpenClaw profile (gateway instance) the worker watches. */
    readonly instance: string;
  };
  /** Port of the bot's HTTP endpoint (Slack's request URL is `/slack/events` on it). */
  readonly httpPort: number;
  /** The environment `openclaw` runs with: the worker's own, minus clawops' secrets, without colour. */
  readonly probeEnv: Readonly<Record<string, string>>;
};

/**
 * Reads clawops' settings from the environment, once, at start. Nothing else reads `process.env`.
 * Every problem is reported at once.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success)
    throw new UserError('config', `invalid configuration:\n${z.prettifyError(parsed.error)}`);
  const probeEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !PRIVATE_VARS.test(k)) probeEnv[k] = v;
  probeEnv.NO_COLOR = '1';
  probeEnv.FORCE_COLOR = '0';
  return Object.freeze({
    openclawBin: parsed.data.OPENCLAW_BIN,
    host: parsed.data.CLAWOPS_HOST ?? hostname(),
    logLevel: parsed.data.CLAWOPS_LOG_LEVEL,
    probeTimeoutMs: parsed.data.CLAWOPS_PROBE_TIMEOUT_MS,
    redisUrl: parsed.data.REDIS_URL,
    redisPrefix: parsed.data.CLAWOPS_REDIS_PREFIX,
    workerLockMs: parsed.data.CLAWOPS_WORKER_LOCK_MS,
    workerStopGraceMs: parsed.data.CLAWOPS_WORKER_STOP_GRACE_MS,
    access: {
      channels: parsed.data.CLAWOPS_ALLOWED_CHANNELS,
      users: parsed.data.CLAWOPS_ALLOWED_USERS,
      roles: parsed.data.CLAWOPS_ALLOWED_ROLES,
    },
    discord: parsed.data.DISCORD_TOKEN
      ? {
          token: parsed.data.DISCORD_TOKEN,
          applicationId: parsed.data.DISCORD_APPLICATION_ID,
          guildId: parsed.data.DISCORD_GUILD_ID,
          apiUrl: parsed.data.DISCORD_API_URL,
        }
      : undefined,
    defaultHost: parsed.data.CLAWOPS_DEFAULT_HOST,
    slack: parsed.data.SLACK_BOT_TOKEN
      ? {
          botToken: parsed.data.SLACK_BOT_TOKEN,
          signingSecret: parsed.data.SLACK_SIGNING_SECRET,
          appToken: parsed.data.SLACK_APP_TOKEN,
          apiUrl: parsed.data.SLACK_API_URL,
        }
      : undefined,
    httpPort: parsed.data.CLAWOPS_HTTP_PORT,
    approval: {
      approvers: parsed.data.CLAWOPS_APPROVERS,
      groups: parsed.data.CLAWOPS_APPROVER_GROUPS,
      allowSelf: parsed.data.CLAWOPS_ALLOW_SELF_APPROVAL,
      ttlMs: parsed.data.CLAWOPS_APPROVAL_TTL_MS,
    },
    restart: {
      method: parsed.data.CLAWOPS_RESTART_METHOD,
      unit: parsed.data.CLAWOPS_SYSTEMD_UNIT,
      service: parsed.data.CLAWOPS_COMPOSE_SERVICE,
      file: parsed.data.CLAWOPS_COMPOSE_FILE,
      perHour: parsed.data.CLAWOPS_RESTARTS_PER_HOUR,
    },
    alerts: {
      routes: parseAlertChannels(parsed.data.CLAWOPS_ALERT_CHANNELS).routes,
      configured: parsed.data.CLAWOPS_ALERT_CHANNELS.trim() !== '',
      quietMs: parsed.data.CLAWOPS_ALERT_QUIET_MS,
    },
    watch: {
      log: parsed.data.CLAWOPS_GATEWAY_LOG,
      statePollMs: parsed.data.CLAWOPS_STATE_POLL_MS,
      instance: parsed.data.OPENCLAW_PROFILE ?? 'default',
    },
    probeEnv: Object.freeze(probeEnv),
  });
}
