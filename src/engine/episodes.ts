import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LabelSchema } from './diagnosis.js';
import { type ChainRoute, fallbackFor } from './failover-chain.js';
import type { LogEvent } from './log-events.js';
import type { UnusableProfile } from './parse/models-status.js';
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

/**
 * One cooldown episode of a provider on one OpenClaw gateway (host and OpenClaw profile): it
 * starts when a first auth profile of the provider cools down and ends when none is left.
 * `version` grows with every change worth showing, so deliveries can drop stale snapshots.
 */
export const EpisodeSchema = z.object({
  id: z.string().regex(/^[\w.-]{1,200}$/),
  host: z.string(),
  instance: z.string(),
  provider: z.string(),
  status: z.enum(['active', 'resolved']),
  startedAt: z.number(),
  updatedAt: z.number(),
  resolvedAt: z.number().nullable(),
  /** The first failure that started it, redacted. */
  cause: z.object({ label: LabelSchema, text: z.string() }).nullable(),
  windows: z.array(WindowSchema),
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

/** What the watcher saw: a log event, the profiles' state from `models status`, or time passing. */
export type WatchInput =
  | { readonly type: 'log'; readonly event: LogEvent; readonly at: number }
  | {
      readonly type: 'state';
      readonly unusable: readonly UnusableProfile[];
      /** Every auth profile id the gateway knows, to name the hashed ids of log lines. */
      readonly profileIds: readonly string[];
      /** When the state was asked for: episodes changed after it are not ended by it. */
      readonly at: number;
      /** The default agent's failover chain, when `models status` named it. */
      readonly chain?: readonly ChainRoute[];
    }
  | { readonly type: 'tick'; readonly at: number };

export type EpisodeTrackerOptions = {
  readonly host: string;
  /** The OpenClaw profile (gateway instance) watched, `default` unless OPENCLAW_PROFILE names one. */
  readonly instance: string;
  /** An episode that comes back within this long after it ended reopens instead of posting anew. */
  readonly quietMs: number;
};

/** A failure this long before a cooldown opened is taken as its cause. */
const CAUSE_LOOKBACK_MS = 15 * 60_000;
/** A later end of a window is news only when it moves by at least this much. */
const UNTIL_NEWS_MS = 60_000;

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

const shape = (e: Episode): string =>
  JSON.stringify([
    e.status,
    e.flaps,
    e.fallback ?? null,
    [...e.windows]
      .sort((a, b) => a.profileId.localeCompare(b.profileId))
      .map((w) => [w.profileId, w.kind, w.reason]),
  ]);

/** Whether `next` differs from what was last shown (`prev`) in a way a reader should see. */
function isNews(prev: Episode, next: Episode): boolean {
  if (shape(prev) !== shape(next)) return true;
  return next.windows.some((w) => {
    const old = prev.windows.find((p) => p.profileId === w.profileId)?.until ?? null;
    return w.until !== null && old !== null && w.until - old >= UNTIL_NEWS_MS;
  });
}

/**
 * Turns what the watcher sees into cooldown episodes, one per provider, and says which changed.
 * No I/O and no clock: time comes with each input.
 */
export function createEpisodeTracker(opts: EpisodeTrackerOptions) {
  const redactor = createRedactor();
  /** The newest episode per provider, active or recently ended. */
  const episodes = new Map<string, Episode>();
  const failures = new Map<string, { label: Episode['cause']; at: number }>();
  const names = new Map<string, string>();
  /** The chain as last read; log events open episodes between two reads. */
  let chain: readonly ChainRoute[] | null = null;
  const withFallback = (e: Episode): Episode =>
    chain ? { ...e, fallback: fallbackFor(chain, e.provider) } : e;

  const causeFor = (provider: string, reason: string | null, at: number): Episode['cause'] => {
    const failure = failures.get(provider);
    if (failure?.label && at - failure.at <= CAUSE_LOOKBACK_MS) return failure.label;
    const label = reason ? REASON_LABELS[reason] : undefined;
    return label ? { label, text: `OpenClaw recorded reason ${reason}` } : null;
  };

  /** Applies `windows` to the provider's episode: opens, reopens or updates it. */
  const open = (provider: string, windows: ProfileWindow[], at: number, replace: boolean): Episode | null => {
    const prev = episodes.get(provider);
    let next: Episode;
    if (!prev || (prev.status === 'resolved' && at - (prev.resolvedAt ?? 0) > opts.quietMs)) {
      const startedAt = at;
      next = {
        id: `${opts.host}.${opts.instance}.${provider}.${startedAt}`.replace(/[^\w.-]/g, '_'),
        host: opts.host,
        instance: opts.instance,
        provider,
        status: 'active',
        startedAt,
        updatedAt: at,
        resolvedAt: null,
        cause: causeFor(provider, windows[0]?.reason ?? null, at),
        windows,
        flaps: 0,
        version: 1,
      };
      next = withFallback(next);
      episodes.set(provider, next);
      return next;
    }
    const kept =
      replace || prev.status === 'resolved'
        ? []
        : prev.windows.filter((w) => !windows.some((n) => n.profileId === w.profileId));
    next = withFallback({
      ...prev,
      status: 'active',
      resolvedAt: null,
      flaps: prev.status === 'resolved' ? prev.flaps + 1 : prev.flaps,
      windows: [...kept, ...windows],
      updatedAt: at,
    });
    return publish(prev, next);
  };

  const resolve = (provider: string, at: number): Episode | null => {
    const prev = episodes.get(provider);
    if (!prev || prev.status === 'resolved') return null;
    return publish(prev, { ...prev, status: 'resolved', resolvedAt: at, updatedAt: at, windows: [] });
  };

  /** Keeps `next`; returns it with a new version when a reader should see the change. */
  const publish = (prev: Episode, next: Episode): Episode | null => {
    if (!isNews(prev, next)) {
      // Remember the newer windows without a new version: the message already says enough.
      episodes.set(next.provider, { ...next, version: prev.version });
      return null;
    }
    const versioned = { ...next, version: prev.version + 1 };
    episodes.set(next.provider, versioned);
    return versioned;
  };

  const onLog = (event: LogEvent, at: number): (Episode | null)[] => {
    const provider = event.provider;
    const time = event.time ?? at;
    if (!provider) return [];
    if (event.kind === 'failure') {
      failures.set(provider, { label: { label: event.label, text: redactor.redact(event.text) }, at: time });
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
    for (const e of episodes.values())
      if (e.status === 'active' && !byProvider.has(e.provider) && e.updatedAt < input.at)
        out.push(resolve(e.provider, input.at));
    return out;
  };

  const onTick = (at: number): (Episode | null)[] => {
    const out: (Episode | null)[] = [];
    for (const e of [...episodes.values()]) {
      if (e.status === 'resolved') {
        if (at - (e.resolvedAt ?? 0) > opts.quietMs) episodes.delete(e.provider);
        continue;
      }
      const left = e.windows.filter((w) => w.until === null || w.until > at);
      if (left.length === e.windows.length) continue;
      if (left.length > 0) out.push(publish(e, { ...e, windows: left, updatedAt: at }));
      else {
        const ended = Math.max(...e.windows.map((w) => w.until ?? at));
        out.push(resolve(e.provider, Math.min(ended, at)));
      }
    }
    return out;
  };

  return {
    /** Applies one input; returns the episodes that changed, each with its new version. */
    apply(input: WatchInput): Episode[] {
      const changed =
        input.type === 'log'
          ? onLog(input.event, input.at)
          : input.type === 'state'
            ? onState(input)
            : onTick(input.at);
      return changed.filter((e): e is Episode => e !== null);
    },
    /** Whether the provider has an episode going on (any provider when none is named). */
    isActive(provider?: string): boolean {
      return [...episodes.values()].some(
        (e) => e.status === 'active' && (!provider || e.provider === provider),
      );
    },
    /** Every episode known, active or within its quiet window. */
    list(): Episode[] {
      return [...episodes.values()];
    },
    /** Takes back the episodes of an earlier run of this worker, so nothing is posted twice. */
    restore(saved: readonly Episode[]): void {
      for (const e of saved)
        if (e.host === opts.host && e.instance === opts.instance) episodes.set(e.provider, e);
    },
  };
}

export type EpisodeTracker = ReturnType<typeof createEpisodeTracker>;
