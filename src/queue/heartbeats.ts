import type { Redis } from 'ioredis';
import { type Heartbeat, HeartbeatSchema, type HostStatus } from '../core/job.js';
import type { Keys } from './keys.js';

/** How often a worker says it is alive, and after how long without a word it counts as silent. */
export const HEARTBEAT_MS = 5_000;
export const SILENT_AFTER_MS = 20_000;

/** Redis `TIME` in ms since the epoch, in a script: the one clock every heartbeat is judged by. */
const REDIS_MS = `local t = redis.call('TIME')
local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** Stores the heartbeat and the Redis time it arrived at, in one step. */
const PUBLISH = `${REDIS_MS}
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], ms)
return ms`;

/** Every heartbeat, the Redis time each arrived at, and the Redis time now. */
const READ = `${REDIS_MS}
return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]), ms}`;

/** One host's heartbeat, when it arrived (each null when missing), and the Redis time now. */
const READ_ONE = `${REDIS_MS}
return {redis.call('HGET', KEYS[1], ARGV[1]), redis.call('HGET', KEYS[2], ARGV[1]), ms}`;

export async function publishHeartbeat(redis: Redis, keys: Keys, beat: Heartbeat): Promise<void> {
  await redis.eval(PUBLISH, 2, keys.hosts, keys.hostsSeen, beat.host, JSON.stringify(beat));
}

/** How often a worker reads Redis' clock again; in between it counts on its own steady clock. */
const CLOCK_SYNC_MS = 60_000;
/** A heartbeat whose content has not changed is stored again this often (its `lastSeen` with it). */
const CONTENT_REFRESH_MS = 60_000;

/**
 * One worker's heartbeats at one Redis command each, most of the time: the arrival time (Redis'
 * clock: read once a minute, carried forward by this process's monotonic clock, so neither a
 * wrong nor a stepped host clock shows) every beat, the heartbeat itself when it changed, once a
 * minute, and whenever its arrival field was missing (a new worker, or a Redis that lost its
 * data). 500 workers cost about 120 commands/s where a script per beat costs 400.
 */
export function heartbeatPublisher(redis: Redis, keys: Keys): (beat: Heartbeat) => Promise<void> {
  let clock: { redisMs: number; at: number } | null = null;
  let stored: { content: string; at: number } | null = null;
  const redisNow = async (): Promise<number> => {
    if (!clock || performance.now() - clock.at > CLOCK_SYNC_MS) {
      const sent = performance.now();
      const [s, us] = await redis.time();
      // Redis read its clock about halfway through the round trip.
      clock = {
        redisMs: Number(s) * 1000 + Math.floor(Number(us) / 1000),
        at: (sent + performance.now()) / 2,
      };
    }
    return Math.round(clock.redisMs + performance.now() - clock.at);
  };
  const store = async (beat: Heartbeat, content: string): Promise<void> => {
    await redis.hset(keys.hosts, beat.host, JSON.stringify(beat));
    stored = { content, at: performance.now() };
  };
  return async (beat) => {
    const content = JSON.stringify({ ...beat, lastSeen: 0 });
    const due = !stored || stored.content !== content || performance.now() - stored.at > CONTENT_REFRESH_MS;
    if (due) await store(beat, content);
    const added = await redis.hset(keys.hostsSeen, beat.host, String(await redisNow()));
    // A new arrival field after the first beat: Redis lost its data, the heartbeat with it.
    if (added === 1 && !due) await store(beat, content);
  };
}

function parseBeat(raw: string | undefined): Heartbeat | null {
  if (raw === undefined) return null;
  try {
    const beat = HeartbeatSchema.safeParse(JSON.parse(raw));
    return beat.success ? beat.data : null;
  } catch {
    return null;
  }
}

/** A heartbeat judged by when it arrived (Redis ms, `NaN` when unknown: its own `lastSeen` counts). */
const status = (
  beat: Heartbeat,
  at: number,
  redisNow: number,
  now: number,
  silentAfterMs: number,
): HostStatus => {
  const lastSeen = Number.isFinite(at) ? now - (redisNow - at) : beat.lastSeen;
  return { ...beat, lastSeen, state: now - lastSeen <= silentAfterMs ? 'live' : 'silent' } as HostStatus;
};

const pairs = (flat: string[]): Map<string, string> => {
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) out.set(flat[i] as string, flat[i + 1] as string);
  return out;
};

/**
 * Every worker that ever said hello, live ones first, each by name; unreadable records are
 * skipped. Freshness is the age of the heartbeat by Redis' clock (when it arrived, and now), so
 * a worker's clock that runs fast or slow changes nothing. `lastSeen` comes back on the reader's
 * clock (`now` minus that age); a record without an arrival time falls back to its own `lastSeen`.
 */
export async function readHosts(
  redis: Redis,
  keys: Keys,
  now = Date.now(),
  silentAfterMs = SILENT_AFTER_MS,
): Promise<HostStatus[]> {
  const [beats, seen, redisNow] = (await redis.eval(READ, 2, keys.hosts, keys.hostsSeen)) as [
    string[],
    string[],
    number,
  ];
  const arrived = pairs(seen);
  return [...pairs(beats)]
    .flatMap(([host, raw]) => {
      const beat = parseBeat(raw);
      return beat ? [status(beat, Number(arrived.get(host)), redisNow, now, silentAfterMs)] : [];
    })
    .sort((a, b) => (a.state === b.state ? a.host.localeCompare(b.host) : a.state === 'live' ? -1 : 1));
}

/** One host's status, or `null` when no worker of that name ever said hello. */
export async function readHost(
  redis: Redis,
  keys: Keys,
  host: string,
  now = Date.now(),
  silentAfterMs = SILENT_AFTER_MS,
): Promise<HostStatus | null> {
  const [raw, at, redisNow] = (await redis.eval(READ_ONE, 2, keys.hosts, keys.hostsSeen, host)) as [
    string | null,
    string | null,
    number,
  ];
  const beat = parseBeat(raw ?? undefined);
  return beat ? status(beat, at === null ? Number.NaN : Number(at), redisNow, now, silentAfterMs) : null;
}
