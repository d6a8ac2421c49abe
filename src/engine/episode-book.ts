import type { AlertKind, Episode } from './episode.js';

/** What a kind of episode says beyond its status: the parts a tracker sets. */
export type EpisodeContent = Partial<
  Pick<Episode, 'provider' | 'cause' | 'windows' | 'detail' | 'expiresAt' | 'fallback'>
>;

export type EpisodeBookOptions = {
  readonly host: string;
  /** The OpenClaw profile (gateway instance) watched; the bot's own episodes use `default`. */
  readonly instance: string;
  /** An episode that comes back within this long after it ended reopens instead of posting anew. */
  readonly quietMs: number;
};

/** A later end of a window, or a later expiry, is news only when it moves by at least this much. */
const MOVE_NEWS_MS = 60_000;

const shape = (e: Episode): string =>
  JSON.stringify([
    e.status,
    e.flaps,
    e.detail,
    e.cause?.label ?? null,
    e.fallback ?? null,
    [...e.windows]
      .sort((a, b) => a.profileId.localeCompare(b.profileId))
      .map((w) => [w.profileId, w.kind, w.reason]),
  ]);

const moved = (next: number | null, prev: number | null): boolean =>
  next !== null && prev !== null && Math.abs(next - prev) >= MOVE_NEWS_MS;

/** Whether `next` differs from what was last shown (`prev`) in a way a reader should see. */
function isNews(prev: Episode, next: Episode): boolean {
  if (shape(prev) !== shape(next) || moved(next.expiresAt, prev.expiresAt)) return true;
  return next.windows.some((w) => {
    const old = prev.windows.find((p) => p.profileId === w.profileId)?.until ?? null;
    return w.until !== null && old !== null && w.until - old >= MOVE_NEWS_MS;
  });
}

const keyOf = (kind: AlertKind, subject: string) => `${kind}\u0000${subject}`;

/**
 * The episodes of one host, of every kind, with one discipline for all: an episode opens once,
 * gets a new `version` only for a change a reader should see, ends once, and reopens (counting a
 * flap) when it comes back within the quiet window. Kinds differ only in what opens and ends them.
 * No I/O and no clock: time comes with each call.
 */
export function createEpisodeBook(opts: EpisodeBookOptions) {
  /** The newest episode per kind and subject, active or recently ended. */
  const episodes = new Map<string, Episode>();
  const store = (e: Episode) => episodes.set(keyOf(e.kind, e.subject), e);

  /** Keeps `next`; returns it with a new version when a reader should see the change. */
  const publish = (prev: Episode, next: Episode): Episode | null => {
    if (!isNews(prev, next)) {
      // Remember the newer facts without a new version: the message already says enough.
      store({ ...next, version: prev.version });
      return null;
    }
    const versioned = { ...next, version: prev.version + 1 };
    store(versioned);
    return versioned;
  };

  const book = {
    get(kind: AlertKind, subject = ''): Episode | undefined {
      return episodes.get(keyOf(kind, subject));
    },

    /**
     * Opens the episode, reopens it within the quiet window, or updates it while it goes on.
     * `content` gets the episode kept (active, or ended within the quiet window), `null` for a new one.
     */
    raise(
      kind: AlertKind,
      subject: string,
      at: number,
      content: (prev: Episode | null) => EpisodeContent,
    ): Episode | null {
      const prev = book.get(kind, subject);
      if (!prev || (prev.status === 'resolved' && at - (prev.resolvedAt ?? 0) > opts.quietMs)) {
        const next: Episode = {
          id: [opts.host, opts.instance, kind === 'cooldown' ? null : kind, subject || null, at]
            .filter((p) => p !== null)
            .join('.')
            .replace(/[^\w.-]/g, '_'),
          kind,
          subject,
          host: opts.host,
          instance: opts.instance,
          provider: '',
          status: 'active',
          startedAt: at,
          updatedAt: at,
          resolvedAt: null,
          cause: null,
          windows: [],
          detail: '',
          expiresAt: null,
          flaps: 0,
          version: 1,
          ...content(null),
        };
        store(next);
        return next;
      }
      return publish(prev, {
        ...prev,
        ...content(prev),
        status: 'active',
        resolvedAt: null,
        flaps: prev.status === 'resolved' ? prev.flaps + 1 : prev.flaps,
        updatedAt: at,
      });
    },

    /** Ends the episode if it goes on; `content` is what the ended episode keeps or clears. */
    end(kind: AlertKind, subject: string, at: number, content: EpisodeContent = {}): Episode | null {
      const prev = book.get(kind, subject);
      if (!prev || prev.status === 'resolved') return null;
      return publish(prev, { ...prev, ...content, status: 'resolved', resolvedAt: at, updatedAt: at });
    },

    /** Updates a going episode's facts without reopening anything. */
    update(prev: Episode, at: number, content: EpisodeContent): Episode | null {
      return publish(prev, { ...prev, ...content, updatedAt: at });
    },

    /** Forgets episodes that ended longer than the quiet window ago. */
    sweep(at: number): void {
      for (const [key, e] of episodes)
        if (e.status === 'resolved' && at - (e.resolvedAt ?? 0) > opts.quietMs) episodes.delete(key);
    },

    /** The episodes going on, of one kind or of all. */
    active(kind?: AlertKind): Episode[] {
      return [...episodes.values()].filter((e) => e.status === 'active' && (!kind || e.kind === kind));
    },

    /** Every episode known, active or within its quiet window. */
    list(): Episode[] {
      return [...episodes.values()];
    },

    /** Takes back the episodes of an earlier run, so nothing is posted twice. */
    restore(saved: readonly Episode[]): void {
      for (const e of saved)
        if (e.host === opts.host && e.instance === opts.instance)
          // Saved before episodes had kinds: a cooldown is about its provider.
          store(e.kind === 'cooldown' && !e.subject ? { ...e, subject: e.provider } : e);
    },
  };
  return book;
}

export type EpisodeBook = ReturnType<typeof createEpisodeBook>;
