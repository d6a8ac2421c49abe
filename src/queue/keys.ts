/** BullMQ queue of one host's jobs: a worker consumes only its own host's queue. */
export const queueName = (host: string): string => `diagnose.${host}`;

/** clawops' own Redis keys, under the same prefix as BullMQ's. */
export const keysFor = (prefix: string) => ({
  /** Hash: host → heartbeat JSON. */
  hosts: `${prefix}:hosts`,
  /** String: request id → the run that answers it (a redelivered event finds its run here). */
  request: (requestId: string) => `${prefix}:req:${requestId}`,
  /** String: host → the run in flight there (later requests join it). */
  run: (host: string) => `${prefix}:run:${host}`,
});
export type Keys = ReturnType<typeof keysFor>;
