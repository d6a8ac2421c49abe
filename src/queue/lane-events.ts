import type { Redis } from 'ioredis';

/** One entry of a lane's BullMQ event stream, as the bot's watches need it. */
export type LaneEvent = {
  readonly event: string;
  readonly jobId: string;
  /** `progress`: the job's progress, parsed. */
  readonly data?: unknown;
  /** `completed`: the job's result, parsed. */
  readonly returnvalue?: unknown;
};

type Lane = {
  /** The last entry read (or there when the lane was opened): the next read starts after it. */
  cursor: string;
  readonly onEvent: (e: LaneEvent) => void;
  /** Whether anyone waits for this lane's events now; only those lanes are read. */
  readonly watched: () => boolean;
};

/** How long one read waits for an event before it asks again. */
const BLOCK_MS = 10_000;
/** Entries taken per lane and read: a long backlog comes in several reads. */
const COUNT = 1_000;
/** The wake stream outlives a bot that died without deleting it by this much, no more. */
const WAKE_TTL_MS = 3_600_000;

const parsed = (raw: string | undefined): unknown => {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
};

function toEvent(fields: string[]): LaneEvent | null {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] as string] = fields[i + 1] as string;
  if (!f.event || !f.jobId) return null;
  return { event: f.event, jobId: f.jobId, data: parsed(f.data), returnvalue: parsed(f.returnvalue) };
}

type StreamReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

/**
 * The event streams of every lane the bot follows, read by one blocking connection: one `XREAD`
 * over the lanes that have watches in flight, instead of a BullMQ `QueueEvents` (a connection and
 * read loop of its own) per lane. A lane is opened before anything is queued on it, at the
 * stream's last entry, so no event of a job queued after that is missed. A lane that gains a
 * watch while a read is blocked wakes that read (an entry on this reader's own wake stream), and
 * the next read includes it from its cursor: nothing is lost between reads either.
 */
export class LaneEvents {
  readonly #redis: Redis;
  readonly #reader: Redis;
  readonly #wakeKey: string;
  readonly #lanes = new Map<string, Lane>();
  #wakeCursor = '0-0';
  #reading = false;
  #wakeSent = false;
  /** Whether the wake stream was ever written, so there is something to delete on close. */
  #woken = false;
  #idle: (() => void) | null = null;
  #closed = false;
  readonly #loop: Promise<void>;

  /** `redis` carries the reader's own small commands; the blocking reads get a connection of their own. */
  constructor(redis: Redis, wakeKey: string) {
    this.#redis = redis;
    this.#wakeKey = wakeKey;
    this.#reader = redis.duplicate();
    this.#reader.on('error', () => {
      // Reconnects by itself; the watches' polls carry on meanwhile.
    });
    this.#loop = this.#run();
  }

  /** Starts following a lane's stream (`<prefix>:<queue>:events`) from its last entry now. */
  async open(streamKey: string, onEvent: (e: LaneEvent) => void, watched: () => boolean): Promise<void> {
    if (this.#lanes.has(streamKey)) return;
    const last = (await this.#redis.xrevrange(streamKey, '+', '-', 'COUNT', 1).catch(() => [])) as [
      string,
      string[],
    ][];
    if (this.#lanes.has(streamKey)) return;
    // An empty or unreadable stream is read from its start: whatever it holds is newer than now.
    this.#lanes.set(streamKey, { cursor: last[0]?.[0] ?? '0-0', onEvent, watched });
  }

  /** A lane has a new watch: a blocked read that does not include it starts again with it. */
  wake(): void {
    if (this.#idle) {
      this.#idle();
      return;
    }
    if (!this.#reading || this.#wakeSent || this.#closed) return;
    this.#wakeSent = true;
    this.#woken = true;
    void this.#redis
      .multi()
      .xadd(this.#wakeKey, 'MAXLEN', '1', '*', 'w', '1')
      .pexpire(this.#wakeKey, WAKE_TTL_MS)
      .exec()
      .catch(() => {
        // Redis is away: the read in flight fails too, and the next one includes the lane.
      });
  }

  async #run(): Promise<void> {
    while (!this.#closed) {
      const lanes = [...this.#lanes].filter(([, lane]) => lane.watched());
      if (lanes.length === 0) {
        await new Promise<void>((resolve) => {
          this.#idle = resolve;
        });
        this.#idle = null;
        continue;
      }
      this.#reading = true;
      this.#wakeSent = false;
      try {
        const reply = (await this.#reader.xread(
          'COUNT',
          COUNT,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          this.#wakeKey,
          ...lanes.map(([key]) => key),
          this.#wakeCursor,
          ...lanes.map(([, lane]) => lane.cursor),
        )) as StreamReply;
        this.#reading = false;
        for (const [key, entries] of reply ?? []) this.#deliver(key, entries);
      } catch {
        this.#reading = false;
        if (this.#closed) break;
        // Redis restarted or the connection dropped: the watches poll meanwhile; read again soon.
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  #deliver(key: string, entries: [string, string[]][]): void {
    const last = entries[entries.length - 1]?.[0];
    if (key === this.#wakeKey) {
      if (last) this.#wakeCursor = last;
      return;
    }
    const lane = this.#lanes.get(key);
    if (!lane || !last) return;
    lane.cursor = last;
    for (const [, fields] of entries) {
      const event = toEvent(fields);
      if (event) lane.onEvent(event);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#idle?.();
    this.#reader.disconnect();
    await this.#loop;
    // Not waited for while Redis is away (its TTL ends it then).
    if (this.#woken && this.#redis.status === 'ready') await this.#redis.del(this.#wakeKey).catch(() => {});
  }
}
