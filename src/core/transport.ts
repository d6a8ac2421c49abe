import type { Diagnosis } from '../engine/diagnosis.js';
import type { LastVerdict } from './fleet.js';
import type { DiagnoseJob, DiagnoseRequest, FixJob, FixResult, HostStatus, RunProgress } from './job.js';
import type { WatchReport } from './watch-report.js';

/** Runs one diagnosis on the worker's own host. The worker's only contact with the engine. */
export type DiagnosisRunner = (
  job: DiagnoseJob,
  ctx: { readonly signal: AbortSignal; readonly onProgress: (progress: RunProgress) => void },
) => Promise<Diagnosis>;

/** Runs one approved fix on the worker's own host: check, run, check again. */
export type FixRunner = (
  job: FixJob,
  ctx: {
    readonly signal: AbortSignal;
    /** Claims the single execution of this job; `false` when it ran before (a retaken job). */
    readonly claim?: () => Promise<boolean>;
  },
) => Promise<FixResult>;

export type RequestOptions = {
  /** Called as each probe of the run starts and finishes. */
  readonly onProgress?: (progress: RunProgress) => void;
};

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
  requestFix(request: FixJob): Promise<FixResult>;
  listHosts(): Promise<readonly HostStatus[]>;
  /** What the host's cooldown watcher last reported; `null` when no watcher reports. */
  watchReport?(host: string): Promise<WatchReport | null>;
  /** Each host's latest verdict, for `/claw fleet`; absent where none is kept. */
  lastVerdicts?(): Promise<ReadonlyMap<string, LastVerdict>>;
  close(): Promise<void>;
}
