import { hostname } from 'node:os';
import { z } from 'zod';
import { UserError } from './core/errors.js';
import { HostNameSchema } from './core/job.js';

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

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
    probeEnv: Object.freeze(probeEnv),
  });
}
