/** BullMQ queue of one host's diagnoses: a worker consumes only its own host's queues. */
export const queueName = (host: string): string => `diagnose.${host}`;

/** BullMQ queue of one host's approved fixes: a lane of its own, never behind a diagnosis. */
export const fixQueueName = (host: string): string => `fix.${host}`;

/** BullMQ queue of cooldown alerts, from every worker to the bot. */
export const ALERT_QUEUE = 'alerts';

/** clawops' own Redis keys, under the same prefix as BullMQ's. */
export const keysFor = (prefix: string) => ({
  /** Hash: host → heartbeat JSON. */
  hosts: `${prefix}:hosts`,
  /** Hash: host → when its last heartbeat arrived, by Redis' clock (ms). */
  hostsSeen: `${prefix}:hosts:seen`,
  /** Hash: host → its latest verdict (label and time), for `/claw fleet`. */
  verdicts: `${prefix}:verdicts`,
  /** String: request id → the run that answers it (a redelivered event finds its run here). */
  request: (requestId: string) => `${prefix}:req:${requestId}`,
  /** String: host → the run in flight there (later requests join it). */
  run: (host: string) => `${prefix}:run:${host}`,
  /** String, set once: the fix job whose command has started. */
  fixRun: (jobId: string) => `${prefix}:fixrun:${jobId}`,
  /** Sorted set of restart times per host, for the hourly budget. */
  restarts: (host: string) => `${prefix}:restarts:${host}`,
  /** Hash: approval id → pending approval (with a TTL per key below). */
  approval: (id: string) => `${prefix}:approval:${id}`,
  /** String, set once: who decided the approval request, when, and how. */
  approvalDecision: (id: string) => `${prefix}:approval:${id}:decision`,
  /** Hash: request id → a queued request not answered yet, and where its answer goes. */
  pending: `${prefix}:pending`,
  /** Hash: request id → the bot answering it. */
  pendingOwner: `${prefix}:pending:owner`,
  /** Hash: request id → the message showing its progress, to be replaced by the answer. */
  pendingPlaced: `${prefix}:pending:placed`,
  /** String with a TTL, renewed while the bot runs: a bot that stops renewing is gone. */
  botAlive: (botId: string) => `${prefix}:bot:${botId}`,
  /** Stream of audit entries. */
  audit: `${prefix}:audit`,
  /** String: host → its cooldown watcher's report (episodes and profile state). */
  watch: (host: string) => `${prefix}:watch:${host}`,
  /** Hash: alert route (`slack:C…`) → where the episode's message is, and which version it shows. */
  alert: (episodeId: string) => `${prefix}:alert:${episodeId}`,
  /** String: the worker-silent episodes the bots know, JSON, for the bot that watches next. */
  silence: `${prefix}:silence`,
  /** String with a TTL: the one bot watching for silent workers now. */
  silenceLock: `${prefix}:silencelock`,
  /** Stream with a TTL, one per bot: an entry wakes that bot's read of the lanes' events. */
  wake: (readerId: string) => `${prefix}:wake:${readerId}`,
  /** String with a TTL: the bot delivering an episode's alert now (two bots must not both post it). */
  alertLock: (episodeId: string) => `${prefix}:alertlock:${episodeId}`,
  /** String with a TTL: what a button does (the stored action behind its id). */
  action: (actionId: string) => `${prefix}:action:${actionId}`,
  /** BullMQ's hash of a job in `queue`, without the job id (BullMQ's own layout, read, never written). */
  bullJob: (queue: string) => `${prefix}:${queue}:`,
});
export type Keys = ReturnType<typeof keysFor>;
