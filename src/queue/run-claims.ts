import type { Redis } from 'ioredis';
import type { RunShare } from '../core/transport.js';
import type { Keys } from './keys.js';

/**
 * Atomically: a request id seen before gets its run back; a host with a run in flight lends it
 * to the request; otherwise the new run becomes the host's run in flight.
 */
const CLAIM = `
local seen = redis.call('GET', KEYS[1])
if seen then return {seen, 'duplicate'} end
local run = redis.call('GET', KEYS[2])
-- A run whose job has finished is over, even if its key is not released yet.
if run and redis.call('HEXISTS', ARGV[4] .. run, 'finishedOn') == 1 then run = false end
if run then
  redis.call('SET', KEYS[1], run, 'PX', ARGV[2])
  return {run, 'joined'}
end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {ARGV[1], 'started'}
`;

/** Deletes a key only while it still holds the given value. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export type Claim = { readonly runId: string; readonly share: RunShare };

export async function claimRun(
  redis: Redis,
  keys: Keys,
  /** `jobKeyPrefix`: BullMQ's key of a job of the host's queue, without the job id. */
  req: { requestId: string; host: string; runId: string; jobKeyPrefix: string },
  ttl: { requestMs: number; runMs: number },
): Promise<Claim> {
  const [runId, share] = (await redis.eval(
    CLAIM,
    2,
    keys.request(req.requestId),
    keys.run(req.host),
    req.runId,
    ttl.requestMs,
    ttl.runMs,
    req.jobKeyPrefix,
  )) as [string, RunShare];
  return { runId, share };
}

/** The host has no run in flight any more (if `runId` was it): the next request starts a new one. */
export async function releaseRun(redis: Redis, keys: Keys, host: string, runId: string): Promise<void> {
  await redis.eval(RELEASE, 1, keys.run(host), runId);
}

/** Forgets a request id whose run could not be queued, so a retry of the event can start afresh. */
export async function forgetRequest(
  redis: Redis,
  keys: Keys,
  requestId: string,
  runId: string,
): Promise<void> {
  await redis.eval(RELEASE, 1, keys.request(requestId), runId);
}
