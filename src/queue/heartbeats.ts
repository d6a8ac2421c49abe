import type { Redis } from 'ioredis';
import { type Heartbeat, HeartbeatSchema, type HostStatus } from '../core/job.js';
import type { Keys } from './keys.js';

/** How often a worker says it is alive, and after how long without a word it counts as silent. */
export const HEARTBEAT_MS = 5_000;
export const SILENT_AFTER_MS = 20_000;

export async function publishHeartbeat(redis: Redis, keys: Keys, beat: Heartbeat): Promise<void> {
  await redis.hset(keys.hosts, beat.host, JSON.stringify(beat));
}

function parseBeat(raw: string | null): Heartbeat | null {
  if (raw === null) return null;
  try {
    const beat = HeartbeatSchema.safeParse(JSON.parse(raw));
    return beat.success ? beat.data : null;
  } catch {
    return null;
  }
}

const status = (beat: Heartbeat, now: number, silentAfterMs: number): HostStatus => ({
  ...beat,
  state: now - beat.lastSeen <= silentAfterMs ? 'live' : 'silent',
});

/** Every worker that ever said hello, live ones first, each by name. Unreadable records are skipped. */
export async function readHosts(
  redis: Redis,
  keys: Keys,
  now = Date.now(),
  silentAfterMs = SILENT_AFTER_MS,
): Promise<HostStatus[]> {
  const all = await redis.hgetall(keys.hosts);
  return Object.values(all)
    .flatMap((raw) => {
      const beat = parseBeat(raw);
      return beat ? [status(beat, now, silentAfterMs)] : [];
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
  const beat = parseBeat(await redis.hget(keys.hosts, host));
  return beat ? status(beat, now, silentAfterMs) : null;
}
