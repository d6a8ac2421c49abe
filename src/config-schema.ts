import { z } from 'zod';
import { parseAlertChannels } from './core/alert-delivery.js';
import { HostNameSchema } from './core/job.js';
import { ALERT_KINDS, type AlertKind } from './engine/episodes.js';

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

/** Every environment variable clawops reads, with its default: the one source of its settings. */
export const EnvSchema = z.object({
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
  // At least 1 s: a live bot renews its key three times within it.
  CLAWOPS_BOT_ALIVE_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
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
  // At most 2 min: a fix's result must reach the bot within its 5 min for a run.
  CLAWOPS_FIX_SETTLE_MS: z.coerce.number().int().min(0).max(120_000).default(60_000),
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
  CLAWOPS_START_COMMAND: z
    .string()
    .trim()
    .refine(
      (v) => !/[;&|<>`$(){}*?~\\'"]/.test(v),
      'is run without a shell, split on spaces: put pipes, quotes and variables in a script and name the script',
    )
    .optional(),
  CLAWOPS_ALERT_CHANNELS: z
    .string()
    .default('')
    .superRefine((spec, ctx) => {
      for (const problem of parseAlertChannels(spec).problems)
        ctx.addIssue({ code: 'custom', message: problem });
    }),
  CLAWOPS_ALERT_QUIET_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  CLAWOPS_ALERT_KINDS: z
    .string()
    .default(ALERT_KINDS.join(','))
    .transform((s) =>
      s
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .superRefine((kinds, ctx) => {
      for (const k of kinds)
        if (!(ALERT_KINDS as readonly string[]).includes(k))
          ctx.addIssue({
            code: 'custom',
            message: `"${k}" is not an alert kind (${ALERT_KINDS.join(', ')})`,
          });
    })
    .transform((kinds) => new Set(kinds as AlertKind[]) as ReadonlySet<AlertKind>),
  CLAWOPS_EXPIRY_WARN_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .max(30 * 86_400_000)
    .default(86_400_000),
  CLAWOPS_SILENT_ALERT_MS: z.coerce.number().int().min(10_000).max(86_400_000).default(120_000),
  CLAWOPS_GATEWAY_CHECK_MS: z.coerce
    .number()
    .int()
    .refine((v) => v === 0 || (v >= 100 && v <= 3_600_000), '0 (never) or 100 to 3600000')
    .default(15_000),
  CLAWOPS_GATEWAY_CONFIRM_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  CLAWOPS_STATE_POLL_MS: z.coerce
    .number()
    .int()
    .refine((v) => v === 0 || (v >= 2_000 && v <= 86_400_000), '0 (never) or 2000 to 86400000')
    .default(300_000),
  CLAWOPS_GATEWAY_LOG: z
    .string()
    .trim()
    .refine((v) => v === 'cli' || v === 'off' || v.startsWith('/'), 'an absolute path, "cli" or "off"')
    .optional(),
  CLAWOPS_HEALTH_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65_535)]).optional(),
  CLAWOPS_HEALTH_HOST: z.string().trim().min(1).default('127.0.0.1'),
  CLAWOPS_CONFIG: z.string().trim().min(1).optional(),
  OPENCLAW_PROFILE: z
    .string()
    .regex(/^[\w.-]{1,64}$/, 'an OpenClaw profile name')
    .optional(),
});

/** The variables of the schema, for documentation checks. */
export const ENV_KEYS: readonly string[] = Object.keys(EnvSchema.shape);

/** One alert channel, `slack:<id>` or `discord:<id>`, checked where it is written. */
const alertChannel = z.string().superRefine((entry, ctx) => {
  for (const problem of parseAlertChannels(entry).problems)
    ctx.addIssue({ code: 'custom', message: problem });
});

const id = z.string().regex(/^[\w.-]{1,80}$/, 'an id: letters, digits, ".", "-", "_"');

/**
 * The optional config file (`CLAWOPS_CONFIG`, JSON5): approvers, channels and hosts, for teams
 * that keep them in a file. A variable set in the environment wins over the file.
 */
export const FileSchema = z.strictObject({
  approvers: z.array(id).optional(),
  approverGroups: z.array(id).optional(),
  allowedChannels: z.array(id).optional(),
  allowedUsers: z.array(id).optional(),
  allowedRoles: z.array(id).optional(),
  defaultHost: HostNameSchema.optional(),
  /** Default alert channels, `slack:<id>` or `discord:<id>`. */
  alertChannels: z.array(alertChannel).optional(),
  /** Per host: its own alert channels instead of the default. */
  hosts: z.record(HostNameSchema, z.strictObject({ alertChannels: z.array(alertChannel) })).optional(),
});
export type ConfigFile = z.infer<typeof FileSchema>;

/** The file's settings as the variables they stand for. */
export function fileToEnv(file: ConfigFile): Record<string, string> {
  const out: Record<string, string> = {};
  const set = (key: string, list: readonly string[] | undefined) => {
    if (list) out[key] = list.join(',');
  };
  set('CLAWOPS_APPROVERS', file.approvers);
  set('CLAWOPS_APPROVER_GROUPS', file.approverGroups);
  set('CLAWOPS_ALLOWED_CHANNELS', file.allowedChannels);
  set('CLAWOPS_ALLOWED_USERS', file.allowedUsers);
  set('CLAWOPS_ALLOWED_ROLES', file.allowedRoles);
  if (file.defaultHost) out.CLAWOPS_DEFAULT_HOST = file.defaultHost;
  const routes = [
    ...(file.alertChannels ?? []),
    ...Object.entries(file.hosts ?? {}).flatMap(([host, h]) => h.alertChannels.map((c) => `${host}=${c}`)),
  ];
  if (routes.length) out.CLAWOPS_ALERT_CHANNELS = routes.join(',');
  return out;
}
