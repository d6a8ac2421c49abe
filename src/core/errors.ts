/**
 * What went wrong, as a stable code to branch on (never on message text).
 * - `usage`, `config`: the person's input or clawops' settings; `forbidden`: not allowed there;
 *   `internal`: a bug.
 * - `unknown_host`, `host_silent`: no live worker for the host asked for; nothing was queued.
 * - `not_picked_up`, `run_timeout`, `run_failed`: a queued run that no worker took, that took too
 *   long, or that ended without a diagnosis.
 * - `redis_down`: the queue cannot be reached; `redis_full`: Redis is at its `maxmemory` and
 *   refuses writes, so nothing can be queued or stored.
 * - `platform`: Slack or Discord refused a call or answered without what it promises (a message
 *   id); `render_limit`: a message would break a platform limit that clipping cannot fix (a
 *   button id), which is a bug.
 * - `not_delivered`: an answer or an alert did not reach where it goes; `busy`: another process
 *   holds the work right now (a lock), so it is tried again later.
 */
export type ErrorCode =
  | 'usage'
  | 'forbidden'
  | 'config'
  | 'internal'
  | 'unknown_host'
  | 'host_silent'
  | 'not_picked_up'
  | 'run_timeout'
  | 'run_failed'
  | 'redis_down'
  | 'redis_full'
  | 'platform'
  | 'render_limit'
  | 'not_delivered'
  | 'busy';

/** An error of clawops itself, with a code and the original `cause`. */
export class BotError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Its message is written for a person and safe to show as it is. */
export class UserError extends BotError {}
