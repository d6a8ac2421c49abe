import type { Diagnosis, Label } from '../engine/diagnosis.js';
import type { Episode } from '../engine/episodes.js';
import type { DiagnoseJob, DiagnoseRequest, FixJob, FixResult, HostStatus, RunProgress } from './job.js';
import type { WatchReport } from './watch-report.js';

/** A host's latest verdict, whoever asked for it, and when it came. */
export type LastVerdict = { readonly label: Label; readonly at: number };

/** Runs one diagnosis on the worker's own host. The worker's only contact with the engine. */
export type DiagnosisRunner = (
  job: DiagnoseJob,
  ctx: {
    readonly signal: AbortSignal;
    readonly onProgress: (progress: RunProgress) => void;
    /** Judge the log from this time on (a fix's after-check): older failures are history. */
    readonly since?: Date;
  },
) => Promise<Diagnosis>;

/** A fix job's command as it started: what ran, when, and the verdict before it. */
export type StartedFix = {
  readonly argv: readonly string[];
  readonly startedAt: number;
  readonly before: Diagnosis;
};

/** Where a fix job notes that its command started, so a retaken job never runs it again. */
export type FixRecord = {
  /** The start noted for this job, if its command started before (on a worker that died). */
  started(): Promise<StartedFix | null>;
  /** Notes the start; `false` when another worker's start was noted first. */
  claim(start: StartedFix): Promise<boolean>;
};

/** Runs one approved fix on the worker's own host: check, run, check again. */
export type FixRunner = (
  job: FixJob,
  ctx: { readonly signal: AbortSignal; readonly record?: FixRecord },
) => Promise<FixResult>;

export type RequestOptions = {
  /** Called as each probe of the run starts and finishes. */
  readonly onProgress?: (progress: RunProgress) => void;
  /** Called while the host's worker is busy with another job ahead of this one, saying with what. */
  readonly onWaiting?: (why: string) => void;
  /**
   * Awaited with the job's id before the job is queued (or joined): the moment to note the
   * request where it outlives this bot.
   */
  readonly beforeQueue?: (runId: string) => Promise<void>;
  /** Called once the request's job is accepted by the queue (or joined), with its id. */
  readonly onQueued?: (runId: string) => void;
};

export type FixRequestOptions = Pick<RequestOptions, 'onWaiting' | 'beforeQueue' | 'onQueued'>;

/**
 * How a request joined its run: it `started` one, `joined` one already in flight for the host,
 * or was a `duplicate` of a request id seen before (a redelivered platform event).
 */
export type RunShare = 'started' | 'joined' | 'duplicate';

export type RunResult = { readonly diagnosis: Diagnosis; readonly runId: string; readonly share: RunShare };

/**
 * The bot's side of the path to the workers: in-process for `clawops dev`, BullMQ on Redis in
 * production. Failures are `UserError`s with a code (`unknown_host`, `not_picked_up`, …).
 */
export interface DiagnosisTransport {
  requestDiagnosis(request: DiagnoseRequest, opts?: RequestOptions): Promise<RunResult>;
  /** Runs an approved fix on its host; the same request id runs it once. */
  requestFix(request: FixJob, opts?: FixRequestOptions): Promise<FixResult>;
  listHosts(): Promise<readonly HostStatus[]>;
  /** Follows a job queued earlier (by any bot) to its result: a `Diagnosis` or a `FixResult`. */
  follow?(kind: 'diagnose' | 'fix', host: string, runId: string): Promise<Diagnosis | FixResult>;
  /** What the host's cooldown watcher last reported; `null` when no watcher reports. */
  watchReport?(host: string): Promise<WatchReport | null>;
  /** The `worker-silent` episodes the bots raised (going on, or ended within the quiet window). */
  silentEpisodes?(): Promise<readonly Episode[]>;
  /** Each host's latest verdict, for `/claw fleet`; absent where none is kept. */
  lastVerdicts?(): Promise<ReadonlyMap<string, LastVerdict>>;
  close(): Promise<void>;
}
