import { UserError } from '../core/errors.js';
import {
  type DiagnoseJob,
  FixJobSchema,
  type FixResult,
  type HostStatus,
  heartbeatNow,
  parseDiagnoseRequest,
  type RunProgress,
} from '../core/job.js';
import type {
  DiagnosisRunner,
  DiagnosisTransport,
  FixRunner,
  RequestOptions,
  RunResult,
} from '../core/transport.js';
import type { Diagnosis } from '../engine/diagnosis.js';

export type MemoryTransportOptions = {
  /** The one host this process can diagnose: its own. */
  readonly host: string;
  readonly runner: DiagnosisRunner;
  /** Runs approved fixes on this host; without it, fixes are refused. */
  readonly fixRunner?: FixRunner;
  readonly clawopsVersion: string;
  /** How long a request id is remembered, so a redelivered event joins its first answer. */
  readonly requestTtlMs?: number;
};

type Run = {
  readonly id: string;
  readonly listeners: Set<(p: RunProgress) => void>;
  readonly result: Promise<Diagnosis>;
};

/**
 * The in-process path of `clawops dev`: no Redis, the worker runs inside the bot, with the same
 * contract as the BullMQ transport (one run per host at a time shared by every requester,
 * duplicate request ids answered once, failures as `UserError`s).
 */
export function createMemoryTransport(opts: MemoryTransportOptions): DiagnosisTransport {
  const startedAt = Date.now();
  const abort = new AbortController();
  const requests = new Map<string, { run: Run; timer: NodeJS.Timeout }>();
  /** The run in flight per agent diagnosed (`''`: the default agent). */
  const current = new Map<string, Run>();
  let openclawVersion: string | null = null;
  let runs = 0;
  const fixes = new Map<string, Promise<FixResult>>();

  const startRun = (job: DiagnoseJob): Run => {
    const listeners = new Set<(p: RunProgress) => void>();
    const id = `run-${++runs}`;
    // Started on the next tick, so the requester's progress listener is in place first.
    const result = Promise.resolve()
      .then(() =>
        opts.runner(job, {
          signal: abort.signal,
          onProgress: (p) => {
            for (const l of listeners) l(p);
          },
        }),
      )
      .then((d) => {
        openclawVersion = d.openclawVersion ?? openclawVersion;
        return d;
      })
      .catch((err: unknown) => {
        throw new UserError('run_failed', `the diagnosis of ${opts.host} failed: ${String(err)}`, {
          cause: err,
        });
      })
      .finally(() => {
        if (current.get(job.agent ?? '')?.id === id) current.delete(job.agent ?? '');
      });
    return { id, listeners, result };
  };

  return {
    async requestDiagnosis(
      request,
      { onProgress, beforeQueue, onQueued }: RequestOptions = {},
    ): Promise<RunResult> {
      const job = parseDiagnoseRequest(request);
      if (job.host !== opts.host)
        throw new UserError(
          'unknown_host',
          `unknown host "${job.host}": this clawops runs without Redis and can diagnose only ${opts.host}`,
        );
      const seen = requests.get(job.requestId);
      let share: RunResult['share'] = 'duplicate';
      let run = seen?.run;
      if (!run) {
        const inFlight = current.get(job.agent ?? '');
        share = inFlight ? 'joined' : 'started';
        run = inFlight ?? startRun(job);
        current.set(job.agent ?? '', run);
        const timer = setTimeout(() => requests.delete(job.requestId), opts.requestTtlMs ?? 15 * 60_000);
        timer.unref();
        requests.set(job.requestId, { run, timer });
      }
      if (onProgress) run.listeners.add(onProgress);
      await beforeQueue?.(run.id);
      onQueued?.(run.id);
      try {
        return { diagnosis: await run.result, runId: run.id, share };
      } finally {
        if (onProgress) run.listeners.delete(onProgress);
      }
    },
    async requestFix(request, { beforeQueue, onQueued } = {}) {
      const job = FixJobSchema.parse(request);
      if (job.host !== opts.host) throw new UserError('unknown_host', `unknown host "${job.host}"`);
      const fixRunner = opts.fixRunner;
      if (!fixRunner) throw new UserError('config', `this clawops cannot run fixes on ${opts.host}`);
      // One run per request id: a second click or a redelivery gets the same result.
      await beforeQueue?.(`fix-${job.requestId}`);
      let run = fixes.get(job.requestId);
      if (!run) {
        run = fixRunner(job, { signal: abort.signal });
        fixes.set(job.requestId, run);
      }
      onQueued?.(`fix-${job.requestId}`);
      return run;
    },
    async listHosts(): Promise<readonly HostStatus[]> {
      const beat = heartbeatNow({
        host: opts.host,
        clawopsVersion: opts.clawopsVersion,
        openclawVersion,
        startedAt,
      });
      return [{ ...beat, state: 'live' }];
    },
    async close() {
      abort.abort();
      for (const { timer } of requests.values()) clearTimeout(timer);
      requests.clear();
    },
  };
}
