import { z } from 'zod';
import { LabelSchema } from './diagnosis.js';
import type { ChainRoute } from './failover-chain.js';
import type { LogEvent } from './log-events.js';
import type { OAuthProfile, UnusableProfile } from './parse/models-status.js';

export const WindowSchema = z.object({
  profileId: z.string(),
  kind: z.enum(['cooldown', 'disabled']),
  reason: z.string().nullable(),
  /** Milliseconds since the epoch; `null` when OpenClaw did not say. */
  until: z.number().nullable(),
});
export type ProfileWindow = z.infer<typeof WindowSchema>;

/** The kinds of episode clawops alerts on (`CLAWOPS_ALERT_KINDS` chooses among them). */
export const ALERT_KINDS = [
  'cooldown',
  'gateway-down',
  'route-broken',
  'credential-expiring',
  'worker-silent',
] as const;
export const AlertKindSchema = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKindSchema>;

/**
 * One episode on one OpenClaw gateway (host and OpenClaw profile), shown as one alert message:
 * a cooldown of a provider, the gateway down, a broken route, an expiring credential, a silent
 * worker. `version` grows with every change worth showing, so deliveries can drop stale snapshots.
 */
export const EpisodeSchema = z.object({
  id: z.string().regex(/^[\w.-]{1,200}$/),
  kind: AlertKindSchema.default('cooldown'),
  /**
   * What it is about on its host: the provider of a cooldown, the label of a broken route, the
   * profile of a credential; empty otherwise.
   */
  subject: z.string().default(''),
  host: z.string(),
  instance: z.string(),
  /** The provider concerned; empty when none is (the gateway, the worker). */
  provider: z.string(),
  status: z.enum(['active', 'resolved']),
  startedAt: z.number(),
  updatedAt: z.number(),
  resolvedAt: z.number().nullable(),
  /** The failure that started it, redacted. */
  cause: z.object({ label: LabelSchema, text: z.string() }).nullable(),
  windows: z.array(WindowSchema),
  /** What else the message says that a reader should see change (a credential's state, a port's failure). */
  detail: z.string().default(''),
  /** When a credential expires (ms since the epoch). */
  expiresAt: z.number().nullable().default(null),
  /**
   * Where traffic goes meanwhile: the first usable other route of the default agent's chain, or
   * the first other route when none is usable; `null` with no other route. Absent until the
   * profiles' state has been read (and in episodes saved before it existed).
   */
  fallback: z.object({ route: z.string(), usable: z.boolean() }).nullable().optional(),
  /** How often it came back within the quiet window after it had ended. */
  flaps: z.number().int(),
  version: z.number().int().min(1),
});
export type Episode = z.infer<typeof EpisodeSchema>;

/**
 * What the gateway watch concluded: the port answers again (`up`), or it stopped answering and
 * `gateway status` confirmed it after the confirmation delay (`down`, with how it failed).
 */
export type GatewayInput = {
  readonly type: 'gateway';
  readonly at: number;
  readonly up: boolean;
  /** How it failed, e.g. `port 18789 refused (ECONNREFUSED); gateway status: port free`. */
  readonly detail: string;
};

/** What the watcher saw: a log line, the profiles' state (`models status`), the gateway, or time passing. */
export type WatchInput =
  | { readonly type: 'log'; readonly event: LogEvent; readonly at: number }
  | {
      readonly type: 'state';
      readonly unusable: readonly UnusableProfile[];
      /** Every auth profile id the gateway knows, to name the hashed ids of log lines. */
      readonly profileIds: readonly string[];
      /** The OAuth and token profiles with their expiry; absent when not read. */
      readonly credentials?: readonly OAuthProfile[];
      /** Providers in use without any credential; absent when not read. */
      readonly missing?: readonly string[];
      /** When the state was asked for: episodes changed after it are not ended by it. */
      readonly at: number;
      /** The default agent's failover chain, when `models status` named it. */
      readonly chain?: readonly ChainRoute[];
    }
  | GatewayInput
  | { readonly type: 'tick'; readonly at: number };
