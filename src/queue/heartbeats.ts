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

export async function publishHeartbeat(redis: Redis, keys: Keys, beat: Heartbeat): Promise<void> {
  await redis.eval(PUBLISH, 2, keys.hosts, keys.hostsSeen, beat.host, JSON.stringify(beat));
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
      if (!beat) return [];
      const at = Number(arrived.get(host));
      const lastSeen = Number.isFinite(at) ? now - (redisNow - at) : beat.lastSeen;
      return [
        { ...beat, lastSeen, state: now - lastSeen <= silentAfterMs ? 'live' : 'silent' } as HostStatus,
      ];
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
  return (await readHosts(redis, keys, now, silentAfterMs)).find((h) => h.host === host) ?? null;
}
