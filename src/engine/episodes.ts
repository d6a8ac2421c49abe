import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LabelSchema } from './diagnosis.js';
import { createEpisodeBook } from './episode-book.js';
import { episodeKinds, type GatewayInput } from './episode-kinds.js';
import { type ChainRoute, fallbackFor } from './failover-chain.js';
import type { LogEvent } from './log-events.js';
import type { OAuthProfile, UnusableProfile } from './parse/models-status.js';
import { createRedactor } from './redact.js';
import { REASON_LABELS } from './text-rules.js';

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

export type EpisodeTrackerOptions = {
  readonly host: string;
  /** The OpenClaw profile (gateway instance) watched, `default` unless OPENCLAW_PROFILE names one. */
  readonly instance: string;
  /** An episode that comes back within this long after it ended reopens instead of posting anew. */
  readonly quietMs: number;
  /** The kinds tracked (default: every kind a worker sees). */
  readonly kinds?: ReadonlySet<AlertKind>;
  /** A credential expiring within this long is an episode (default 24 h). */
  readonly expiryWarnMs?: number;
  /** Redacts a cause's text; on a gateway host, with the host's known secrets (default: shapes only). */
  readonly redact?: (text: string) => string;
};

/** A failure this long before a cooldown opened is taken as its cause. */
const CAUSE_LOOKBACK_MS = 15 * 60_000;

/**
 * A profile's window as `models status` reported it at `at`. `remainingMs` is what OpenClaw
 * computed when asked: sturdier than comparing clocks.
 */
export const stateWindow = (u: UnusableProfile, at: number): ProfileWindow => ({
  profileId: u.profileId,
  kind: u.kind,
  reason: u.reason,
  until: u.remainingMs !== null ? at + u.remainingMs : u.until,
});

/** OpenClaw's log names a profile `sha256:` + the first 12 hex digits of its id's SHA-256. */
export const hashedProfileId = (id: string): string =>
  `sha256:${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;

/**
 * Turns what the watcher sees into episodes, and says which changed: a cooldown per provider,
 * and the kinds of `episode-kinds.ts` (gateway down, broken route, expiring credential).
 * No I/O and no clock: time comes with each input.
 */
export function createEpisodeTracker(opts: EpisodeTrackerOptions) {
  const book = createEpisodeBook(opts);
  const kinds = opts.kinds ?? new Set(ALERT_KINDS);
  const redact = opts.redact ?? createRedactor().redact;
  const failures = new Map<string, { label: Episode['cause']; at: number }>();
  const names = new Map<string, string>();
  const COOLDOWN = 'cooldown';
  /** The chain as last read; log events open episodes between two reads. */
  let chain: readonly ChainRoute[] | null = null;
  /** Where traffic goes while `provider` cools down, once the chain has been read. */
  const fallback = (provider: string) => (chain ? { fallback: fallbackFor(chain, provider) } : {});

  const causeFor = (provider: string, reason: string | null, at: number): Episode['cause'] => {
    const failure = failures.get(provider);
    if (failure?.label && at - failure.at <= CAUSE_LOOKBACK_MS) return failure.label;
    const label = reason ? REASON_LABELS[reason] : undefined;
    return label ? { label, text: `OpenClaw recorded reason ${reason}` } : null;
  };

  /** Applies `windows` to the provider's episode: opens, reopens or updates it. */
  const open = (provider: string, windows: ProfileWindow[], at: number, replace: boolean) =>
    book.raise(COOLDOWN, provider, at, (prev) => {
      if (!prev)
        return {
          provider,
          cause: causeFor(provider, windows[0]?.reason ?? null, at),
          windows,
          ...fallback(provider),
        };
      const kept =
        replace || prev.status === 'resolved'
          ? []
          : prev.windows.filter((w) => !windows.some((n) => n.profileId === w.profileId));
      return { windows: [...kept, ...windows], ...fallback(provider) };
    });

  const resolve = (provider: string, at: number) => book.end(COOLDOWN, provider, at, { windows: [] });

  const onLog = (event: LogEvent, at: number): (Episode | null)[] => {
    const provider = event.provider;
    const time = event.time ?? at;
    if (!provider) return [];
    if (event.kind === 'failure') {
      failures.set(provider, { label: { label: event.label, text: redact(event.text) }, at: time });
      return [];
    }
    if (event.kind === 'success') return [resolve(provider, time)];
    if (event.kind !== 'cooldown-set' || !event.window) return [];
    const { until, type, reason, profile } = event.window;
    if (until !== null && until <= at) return [];
    const profileId = profile ? (names.get(profile) ?? profile) : `${provider} (profile not named)`;
    return [open(provider, [{ profileId, kind: type, reason, until }], time, false)];
  };

  const onState = (input: Extract<WatchInput, { type: 'state' }>): (Episode | null)[] => {
    for (const id of input.profileIds) names.set(hashedProfileId(id), id);
    if (input.chain) chain = input.chain;
    const byProvider = new Map<string, ProfileWindow[]>();
    for (const u of input.unusable) {
      const w = stateWindow(u, input.at);
      if (w.until !== null && w.until <= input.at) continue;
      byProvider.set(u.provider, [...(byProvider.get(u.provider) ?? []), w]);
    }
    const out = [...byProvider].map(([provider, windows]) => open(provider, windows, input.at, true));
    for (const e of book.active(COOLDOWN))
      if (!byProvider.has(e.provider) && e.updatedAt < input.at) out.push(resolve(e.provider, input.at));
    return out;
  };

  const onTick = (at: number): (Episode | null)[] => {
    const out: (Episode | null)[] = [];
    for (const e of book.active(COOLDOWN)) {
      const left = e.windows.filter((w) => w.until === null || w.until > at);
      if (left.length === e.windows.length) continue;
      if (left.length > 0) out.push(book.update(e, at, { windows: left }));
      else {
        const ended = Math.max(...e.windows.map((w) => w.until ?? at));
        out.push(resolve(e.provider, Math.min(ended, at)));
      }
    }
    return out;
  };

  const cooldowns = (input: WatchInput): (Episode | null)[] =>
    input.type === 'log'
      ? onLog(input.event, input.at)
      : input.type === 'state'
        ? onState(input)
        : input.type === 'tick'
          ? onTick(input.at)
          : [];
  const others = episodeKinds(book, {
    redact,
    expiryWarnMs: opts.expiryWarnMs ?? 24 * 3600_000,
  });

  return {
    /** Applies one input; returns the episodes that changed, each with its new version. */
    apply(input: WatchInput): Episode[] {
      if (input.type === 'tick') book.sweep(input.at);
      const changed = [...(kinds.has(COOLDOWN) ? cooldowns(input) : []), ...others.apply(input, kinds)];
      return changed.filter((e): e is Episode => e !== null);
    },
    /** Whether the provider has a cooldown going on (any provider when none is named). */
    isActive(provider?: string): boolean {
      return book.active(COOLDOWN).some((e) => !provider || e.provider === provider);
    },
    /** Every episode known, active or within its quiet window. */
    list(): Episode[] {
      return book.list();
    },
    /** Takes back the episodes of an earlier run of this worker, so nothing is posted twice. */
    restore(saved: readonly Episode[]): void {
      book.restore(saved);
    },
  };
}

export type EpisodeTracker = ReturnType<typeof createEpisodeTracker>;
