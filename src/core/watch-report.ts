import { z } from 'zod';
import { EpisodeSchema, WindowSchema } from '../engine/episodes.js';

/**
 * What a worker's cooldown watcher knows about its gateway, kept in Redis for `/claw cooldown`:
 * the episodes (going on, or ended within the quiet window) and the profiles' state as last read.
 */
export const WatchReportSchema = z.object({
  host: z.string(),
  instance: z.string(),
  episodes: z.array(EpisodeSchema),
  /** Windows from the last `models status --json`, `null` before the first read. */
  windows: z.array(WindowSchema).nullable(),
  /** When that state was read (ms since the epoch). */
  stateAt: z.number().nullable(),
  /** The log file followed, `openclaw logs --follow --json`, or `null` when neither works. */
  logSource: z.string().nullable(),
  updatedAt: z.number(),
});
export type WatchReport = z.infer<typeof WatchReportSchema>;
