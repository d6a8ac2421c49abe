import type { z } from 'zod';
import type { EnvSchema, LOG_LEVELS } from './config-schema.js';
import type { AlertRoute } from './core/alert-delivery.js';

/** Every setting of a clawops process, checked and with its defaults; `loadConfig` builds it. */
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
  /** How long a bot's liveness key lasts unrenewed: a dead bot's requests are taken over after it. */
  readonly botAliveMs: number;
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
    /** `CLAWOPS_START_COMMAND` as its argv: what starts a stopped gateway; `undefined`: not set. */
    readonly startCommand: readonly string[] | undefined;
    readonly perHour: number;
    /** How long a fix's after-check waits for a model call when only one can show the fix worked. */
    readonly settleMs: number;
  };
  /** Alerts (bot): the channels of each host, and how long an ended episode may come back. */
  readonly alerts: {
    readonly routes: (host: string) => readonly AlertRoute[];
    readonly configured: boolean;
    /** The platforms alerts are routed to. */
    readonly platforms: ReadonlySet<'slack' | 'discord'>;
    readonly quietMs: number;
    /** The kinds on; `credential-expiring` this long before an expiry, `worker-silent` after this long. */
    readonly kinds: z.output<typeof EnvSchema>['CLAWOPS_ALERT_KINDS'];
    readonly thresholds: { readonly expiryWarnMs: number; readonly silentMs: number };
  };
  /** `/healthz` and `/metrics`: the port (`undefined`: the role's default, `null`: off) and address. */
  readonly health: { readonly port: number | null | undefined; readonly host: string };
  /** The config file read besides the environment, if any. */
  readonly configFile: string | undefined;
  /** Cooldown watching (worker). */
  readonly watch: {
    /** The log file to follow; `cli`: `openclaw logs --follow --json`; `off`: no watching; unset: ask OpenClaw. */
    readonly log: string | undefined;
    readonly statePollMs: number;
    /** How often the gateway port is tried (0: never); how long it stays closed before `gateway status` confirms. */
    readonly gateway: { readonly checkMs: number; readonly confirmMs: number };
    /** The OpenClaw profile (gateway instance) the worker watches. */
    readonly instance: string;
  };
  /** Port of the bot's HTTP endpoint (Slack's request URL is `/slack/events` on it). */
  readonly httpPort: number;
  /** The environment `openclaw` runs with: the worker's own, minus clawops' secrets, without colour. */
  readonly probeEnv: Readonly<Record<string, string>>;
  /** Secret values of this process's own environment (tokens, URL passwords): its redactors remove them. */
  readonly ownSecrets: readonly string[];
};
