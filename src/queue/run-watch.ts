import { Job, type Queue } from 'bullmq';
import { UserError } from '../core/errors.js';
import { type RunProgress, RunProgressSchema } from '../core/job.js';

export type WatchLimits = {
  /** A run no worker has taken this long after it was queued is withdrawn. */
  readonly pickupTimeoutMs: number;
  /** A run taken but unanswered this long is given up. */
  readonly runTimeoutMs: number;
  /** How often the run's state is read, besides the events that announce it. */
  readonly pollMs: number;
};

type Waiter<T> = {
  readonly onProgress: ((p: RunProgress) => void) | undefined;
  /** Told while the lane's worker is busy with a job ahead of this one. */
  readonly onWaiting: ((why: string) => void) | undefined;
  readonly resolve: (d: T) => void;
  readonly reject: (err: Error) => void;
};

/**
 * Follows one queued run until it has a result, for every request that shares it. Events bring
 * progress and make it quick; a poll makes it sure, so an event missed while Redis restarted
 * loses nothing. Ends with the parsed result or a `UserError` a person can read.
 */
export class RunWatch<T> {
  readonly #waiters = new Set<Waiter<T>>();
  readonly #timer: NodeJS.Timeout;
  readonly #claimedAt = Date.now();
  #checking = false;
  #again = false;
  #done = false;
  /** How the run ended, for a waiter that comes after (a starter still queueing when the result came). */
  #outcome: T | Error | null = null;
  /** When the first waiter came: the run has been queued by then, or is about to be by its starter. */
  #waitedSince: number | null = null;

  readonly runId: string;
  readonly #host: string;
  readonly #queue: Queue;
  readonly #limits: WatchLimits;
  readonly #onEnd: (watch: RunWatch<T>) => void;
  readonly #parse: (value: unknown) => T | null;
  readonly #isSilent: () => Promise<string | null>;
  readonly #what: string;
  /** When this run's lane was last seen busy with a job ahead of it. */
  #busySince = 0;
  #lastNote = '';

  constructor(opts: {
    runId: string;
    host: string;
    queue: Queue;
    limits: WatchLimits;
    /** Called once, when the run has ended for its waiters. */
    onEnd: (watch: RunWatch<T>) => void;
    /** Checks a job's result (a process boundary): `null` when it is not what was asked for. */
    parse: (value: unknown) => T | null;
    /** Says how long the host's worker has been silent, or `null` while it is live. */
    isSilent: () => Promise<string | null>;
    /** What the job does, for messages: `diagnosis`, `fix`. */
    what: string;
  }) {
    this.runId = opts.runId;
    this.#host = opts.host;
    this.#queue = opts.queue;
    this.#limits = opts.limits;
    this.#onEnd = opts.onEnd;
    this.#parse = opts.parse;
    this.#isSilent = opts.isSilent;
    this.#what = opts.what;
    this.#timer = setInterval(() => void this.check(), opts.limits.pollMs);
    this.#timer.unref();
  }

  wait(onProgress?: (p: RunProgress) => void, onWaiting?: (why: string) => void): Promise<T> {
    return new Promise((resolve, reject) => {
      const outcome = this.#outcome;
      if (outcome !== null) {
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
        return;
      }
      this.#waitedSince ??= Date.now();
      this.#waiters.add({ onProgress, onWaiting, resolve, reject });
      void this.check();
    });
  }

  progress(data: unknown): void {
    const p = RunProgressSchema.safeParse(data);
    if (p.success) for (const w of this.#waiters) w.onProgress?.(p.data);
  }

  /** The run's `completed` event: its result comes with it, no need to read it back. */
  completed(returnvalue: unknown): void {
    const parsed = this.#parse(returnvalue);
    if (parsed !== null) this.#settle(parsed);
    else void this.check();
  }

  /**
   * Reads the run's state and settles every waiter when it has ended. A check asked for while
   * one is under way runs again after it, so an event never falls between two reads.
   */
  async check(): Promise<void> {
    if (this.#done) return;
    if (this.#checking) {
      this.#again = true;
      return;
    }
    this.#checking = true;
    try {
      do {
        this.#again = false;
        try {
          const outcome = await this.#read();
          if (outcome) this.#settle(outcome);
        } catch {
          // Redis unreachable for a moment: the next poll tries again, the deadlines still hold.
          if (Date.now() - this.#claimedAt > this.#limits.pickupTimeoutMs + this.#limits.runTimeoutMs)
            this.#settle(this.#error('run_timeout', 'has not answered, and Redis cannot be reached'));
        }
      } while (this.#again && !this.#done);
    } finally {
      this.#checking = false;
    }
  }

  async #read(): Promise<T | Error | null> {
    // State first, then the job: a job read before its state could miss a result written between.
    const state = await this.#queue.getJobState(this.runId);
    const job = await Job.fromId(this.#queue, this.runId);
    const now = Date.now();
    if (!job || state === 'unknown') {
      // Before anyone waits, the starter is still queueing it; a joiner may look before the starter
      // has queued the run too. Anything longer means it is gone.
      const since = this.#waitedSince;
      return since === null || now - since < 5_000 ? null : this.#error('run_failed', 'lost the request');
    }
    if (state === 'completed') {
      const parsed = this.#parse(job.returnvalue);
      return parsed !== null ? parsed : this.#error('run_failed', 'answered with an unreadable result');
    }
    if (state === 'failed')
      return this.#error('run_failed', `could not finish the ${this.#what}: ${job.failedReason}`);
    if (state === 'active') {
      if (job.processedOn && now - job.processedOn > this.#limits.runTimeoutMs)
        return this.#error(
          'run_timeout',
          `has not answered in ${Math.round(this.#limits.runTimeoutMs / 1000)} s`,
        );
      const silent = await this.#isSilent();
      return silent ? this.#error('host_silent', `went silent during the run (${silent})`) : null;
    }
    // Not taken yet. A worker busy with a job ahead is no reason to give up; a silent one is.
    const busy = await this.#busy(job.timestamp);
    if (busy) {
      this.#busySince = now;
      this.#note(busy);
    }
    const silent = await this.#isSilent();
    if (silent)
      return this.#withdraw(
        job,
        this.#error('host_silent', `went silent before taking the request (${silent})`),
      );
    const idleFor = now - Math.max(job.timestamp, this.#busySince);
    if (idleFor > this.#limits.pickupTimeoutMs)
      return this.#withdraw(
        job,
        new UserError(
          'not_picked_up',
          `no worker on ${this.#host} took the request within ${Math.round(this.#limits.pickupTimeoutMs / 1000)} s; is \`clawops worker\` running there and connected to this Redis?`,
        ),
      );
    return null;
  }

  /** What the lane's worker is busy with ahead of a job queued at `queuedAt`, or `null` when idle. */
  async #busy(queuedAt: number): Promise<string | null> {
    const [active] = await this.#queue.getActive(0, 0);
    // Taken between the read of its state and this one: the lane is busy with this very run.
    if (!active || active.id === this.runId) return null;
    const ahead = (await this.#queue.getWaiting()).filter((j) => j.timestamp < queuedAt).length;
    const doing = active.name === 'fix' ? 'another fix' : 'a diagnosis';
    return `${this.#host} is busy with ${doing}; ${ahead === 0 ? 'yours is next' : `${ahead} more ahead of yours`}.`;
  }

  #note(why: string): void {
    if (why === this.#lastNote) return;
    this.#lastNote = why;
    for (const w of this.#waiters) w.onWaiting?.(why);
  }

  /** Withdraws the job unless a worker takes it this instant (then the lock makes remove fail). */
  async #withdraw(job: Job, reason: UserError): Promise<UserError | null> {
    const removed = await job.remove().then(
      () => true,
      () => false,
    );
    return removed ? reason : null;
  }

  #error(code: 'run_failed' | 'run_timeout' | 'host_silent', what: string): UserError {
    return new UserError(code, `the worker on ${this.#host} ${what}`);
  }

  #settle(outcome: T | Error): void {
    if (this.#done) return;
    this.#done = true;
    this.#outcome = outcome;
    clearInterval(this.#timer);
    for (const w of this.#waiters) outcome instanceof Error ? w.reject(outcome) : w.resolve(outcome);
    this.#waiters.clear();
    this.#onEnd(this);
  }

  /** Gives up on the run for every waiter (the transport is closing). */
  abandon(reason: Error): void {
    this.#settle(reason);
  }
}
