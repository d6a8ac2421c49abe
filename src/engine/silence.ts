import { createEpisodeBook, type EpisodeBook } from './episode-book.js';
import type { Episode } from './episodes.js';

/** A worker as its last heartbeat shows it. */
export type Beat = { readonly host: string; readonly lastSeen: number };

/**
 * `worker-silent` episodes, one per host, raised by the bot: a host whose last heartbeat is
 * `silentMs` old or older is silent since that heartbeat; a fresh one ends it. No I/O, no clock.
 */
export function createSilenceTracker(opts: { readonly silentMs: number; readonly quietMs: number }) {
  const books = new Map<string, EpisodeBook>();
  const bookOf = (host: string) => {
    let book = books.get(host);
    if (!book) {
      book = createEpisodeBook({ host, instance: 'default', quietMs: opts.quietMs });
      books.set(host, book);
    }
    return book;
  };
  return {
    /** Applies the hosts' heartbeats as read at `now`; returns the episodes that changed. */
    apply(beats: readonly Beat[], now: number): Episode[] {
      const out: (Episode | null)[] = [];
      for (const b of beats) {
        const book = bookOf(b.host);
        book.sweep(now);
        out.push(
          now - b.lastSeen >= opts.silentMs
            ? book.raise('worker-silent', '', b.lastSeen, () => ({}))
            : book.end('worker-silent', '', b.lastSeen),
        );
      }
      return out.filter((e): e is Episode => e !== null);
    },
    list(): Episode[] {
      return [...books.values()].flatMap((b) => b.list());
    },
    /** Takes back what an earlier bot saw, so a bot taking over posts nothing twice. */
    restore(saved: readonly Episode[]): void {
      for (const e of saved) if (e.kind === 'worker-silent') bookOf(e.host).restore([e]);
    },
  };
}
