import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';

/** How many jobs each lane has in flight, by the lengths of their `active` lists, in one command. */
const IN_FLIGHT = `local n = {}
for i, key in ipairs(KEYS) do n[i] = redis.call('LLEN', key) end
return n`;

/** BullMQ's own check for a lane's stalled jobs (a job whose worker stopped renewing its lock). */
type StalledCheck = { moveStalledJobsToWait(): Promise<void> };

/**
 * BullMQ's stalled-job check of a worker's lanes (jobs whose worker died go back to wait, or
 * fail after `maxStalledCount`), made only for a lane with a job in flight, and once after it
 * empties. A lane with nothing in flight has nothing that could stall, yet BullMQ checks it every
 * interval, seven Redis commands a time: 500 hosts' two lanes every 30 s are 230 commands/s for
 * nothing. Here an idle worker asks one short question per interval for both lanes. The check
 * itself and its timing are BullMQ's: at start, then every `intervalMs`, so a job a dead worker
 * left behind is taken over as soon as before. The lanes' workers run with `skipStalledCheck`.
 */
export function startStalledChecks(
  redis: Redis,
  lanes: readonly Worker[],
  intervalMs: number,
  onError: (err: unknown) => void,
): { stop(): Promise<void> } {
  const busy = new Set<Worker>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const round = async () => {
    const counts = (await redis.eval(
      IN_FLIGHT,
      lanes.length,
      ...lanes.map((lane) => lane.keys.active as string),
    )) as number[];
    await Promise.all(
      lanes.map(async (lane, i) => {
        const inFlight = (counts[i] ?? 0) > 0;
        if (!inFlight && !busy.has(lane)) return;
        if (inFlight) busy.add(lane);
        else busy.delete(lane);
        await (lane as unknown as StalledCheck).moveStalledJobsToWait();
      }),
    );
  };
  let running = Promise.resolve();
  const next = () => {
    if (stopped) return;
    running = round()
      .catch(onError)
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(next, intervalMs);
        timer.unref();
      });
  };
  next();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
