import { createHash } from 'node:crypto';
import { reasonLabel } from './cooldown-cause.js';
import { ALERT_KINDS, type AlertKind, type Episode, type ProfileWindow, type WatchInput } from './episode.js';
import { createEpisodeBook } from './episode-book.js';
import { episodeKinds } from './episode-kinds.js';
import { type ChainRoute, fallbackFor } from './failover-chain.js';
import type { LogEvent } from './log-events.js';
import type { UnusableProfile } from './parse/models-status.js';
import { createRedactor } from './redact.js';

export {
  ALERT_KINDS,
  type AlertKind,
  AlertKindSchema,
  type Episode,
  EpisodeSchema,
  type ProfileWindow,
  type WatchInput,
  WindowSchema,
} from './episode.js';

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
    const label = reasonLabel(reason);
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
