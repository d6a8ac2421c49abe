import { setTimeout as sleep } from 'node:timers/promises';
import type { FixJob, FixResult } from '../core/job.js';
import { RESTART_CLASS } from '../core/job.js';
import type { RestartBudget } from '../core/restart-budget.js';
import type { DiagnosisRunner, FixRunner, StartedFix } from '../core/transport.js';
import type { Diagnosis, Label } from '../engine/diagnosis.js';
import { FIXES } from '../engine/fixes.js';
import { createRedactor } from '../engine/redact.js';
import { PROVIDER_LABELS } from '../engine/rules-provider.js';
import type { CommandRun } from '../probes/run-probe.js';
import { type FixSetup, fixArgv, shownArgv } from './fix-catalogue.js';

export type FixRunnerOptions = {
  readonly diagnose: DiagnosisRunner;
  readonly setup: Promise<FixSetup>;
  readonly budget: RestartBudget;
  readonly restartsPerHour: number;
  readonly execute: (argv: readonly string[], signal: AbortSignal) => Promise<CommandRun>;
  /** Redacts the result's reason and argv with the host's known secrets (a compose file path, a unit name). */
  readonly redact?: (text: string) => string;
  /**
   * After a fix for a failure only a model call can show gone (a refused key, a rate limit): how
   * long to wait for one, diagnosing again every `pollMs`. Absent or 0: judge at once.
   */
  readonly settle?: { readonly waitMs: number; readonly pollMs: number };
};

/**
 * Runs an approved fix the careful way: diagnose first and refuse when the verdict no longer
 * calls for it (the gateway came back, the cooldown ended); refuse past the restart budget; run
 * the fix's fixed argv; diagnose again, on the log since the fix ended, and say plainly whether
 * it worked. A failure from before the fix never decides that it did not; only a model call
 * after it shows a refused key or a rate limit gone.
 */
export function createFixRunner(opts: FixRunnerOptions): FixRunner {
  const redact = opts.redact ?? createRedactor().redact;
  const run = runFix(opts);
  return async (job, ctx) => {
    const result = await run(job, ctx);
    return { ...result, reason: redact(result.reason), argv: result.argv?.map(redact) ?? null };
  };
}

function runFix(opts: FixRunnerOptions): FixRunner {
  return async (job: FixJob, { signal, record }) => {
    const title = FIXES[job.fix].title.toLowerCase();
    const diagnose = (since?: Date) =>
      opts.diagnose(
        {
          kind: 'diagnose',
          requestId: job.requestId,
          host: job.host,
          replyTo: job.replyTo,
          requestedBy: job.approvedBy,
          deep: false,
        },
        { signal, onProgress: () => {}, ...(since ? { since } : {}) },
      );
    const refuse = (before: Diagnosis, reason: string): FixResult => ({
      outcome: 'refused',
      reason,
      argv: null,
      exitCode: null,
      before,
      after: null,
    });
    /** A retaken job whose command started on a worker that died: say so, never run it twice. */
    const startedBefore = async (earlier: StartedFix): Promise<FixResult> => {
      const after = await diagnose(new Date(earlier.startedAt));
      return {
        outcome: judge(earlier.before, after),
        reason: `\`${earlier.argv.join(' ')}\` started at ${new Date(earlier.startedAt).toISOString()} on a worker that stopped before it could report; clawops does not run it twice. The verdict is now ${after.verdict.label}.`,
        argv: [...earlier.argv],
        exitCode: null,
        before: earlier.before,
        after,
      };
    };
    const earlier = await record?.started();
    if (earlier) return startedBefore(earlier);
    const before = await diagnose();
    const argv = fixArgv(job.fix, await opts.setup, before);
    if (!argv && job.fix === 'start-gateway')
      return refuse(
        before,
        `Not run: ${job.host} cannot start its gateway: no service manager runs it and CLAWOPS_START_COMMAND is not set. Start it by hand: \`openclaw gateway run\`.`,
      );
    const offered = before.findings.some((f) => f.fixes.includes(job.fix));
    if (!offered)
      return refuse(
        before,
        `Not run: the verdict is now ${before.verdict.label}, which no longer calls for "${title}".`,
      );
    if (!argv)
      return refuse(before, `Not run: this host cannot ${title} (its OpenClaw has no command for it).`);
    if (RESTART_CLASS.has(job.fix)) {
      const budget = await opts.budget.take(job.host, opts.restartsPerHour, job.requestId);
      if (!budget.ok)
        return refuse(
          before,
          `Not run: ${job.host} had ${opts.restartsPerHour} restarts in the last hour, the most clawops allows. Look at the cause before restarting again.`,
        );
    }
    const start: StartedFix = { argv, startedAt: Date.now(), before };
    if (record && !(await record.claim(start))) {
      const first = await record.started();
      if (first) return startedBefore(first);
    }
    const run = await opts.execute(argv, signal);
    const ended = new Date();
    if (run.exitCode !== 0) {
      const after = await diagnose(ended);
      return {
        outcome: 'failed',
        reason: `\`${shownArgv(argv).join(' ')}\` ${run.timedOut ? 'timed out' : `exited ${run.exitCode ?? 'without a code'}`}; the verdict is ${after.verdict.label}.`,
        argv: shownArgv(argv),
        exitCode: run.exitCode,
        before,
        after,
      };
    }
    const waited = await settled(before, () => diagnose(ended), opts.settle, signal);
    const { after } = waited;
    const outcome = judge(before, after);
    return {
      outcome,
      reason: resultReason(outcome, before, after, ended, waited.ms),
      argv: shownArgv(argv),
      exitCode: run.exitCode,
      before,
      after,
    };
  };
}

/** What the fix was for: the verdict, and the first failure behind a cooldown. */
const targets = (before: Diagnosis): Label[] => [
  before.verdict.label,
  ...(before.verdict.cause ? [before.verdict.cause] : []),
];

/** The failure the fix was for is gone (or the gateway is healthy). */
const isFixed = (before: Diagnosis, after: Diagnosis): boolean =>
  after.verdict.label === 'healthy' || !after.findings.some((f) => targets(before).includes(f.label));

/**
 * The fix was for a failure only a model call shows (a refused key, a rate limit, also behind a
 * cooldown), and the log has none since the fix ended: the verdict after rests on the failure
 * from before it.
 */
const awaitingCall = (before: Diagnosis, after: Diagnosis): boolean =>
  targets(before).some((l) => PROVIDER_LABELS.has(l)) &&
  after.since !== undefined &&
  after.since.successes + after.since.failures === 0 &&
  (after.verdict.rule?.startsWith('failure-before') === true || after.verdict.label === 'healthy');

/** What became of a fix that ran, by the diagnoses before and after it. */
function judge(before: Diagnosis, after: Diagnosis): FixResult['outcome'] {
  if (awaitingCall(before, after)) return 'unconfirmed';
  return isFixed(before, after) ? 'fixed' : 'not-fixed';
}

/** Diagnoses again until a model call after the fix shows in the log, or `settle.waitMs` is over. */
async function settled(
  before: Diagnosis,
  again: () => Promise<Diagnosis>,
  settle: FixRunnerOptions['settle'],
  signal: AbortSignal,
): Promise<{ after: Diagnosis; ms: number }> {
  const started = Date.now();
  const deadline = started + (settle?.waitMs ?? 0);
  let after = await again();
  while (awaitingCall(before, after) && Date.now() < deadline && !signal.aborted) {
    const pause = Math.min(settle?.pollMs ?? 0, deadline - Date.now());
    const slept = await sleep(pause, true, { signal }).catch(() => false);
    if (!slept) break;
    after = await again();
  }
  return { after, ms: Date.now() - started };
}

const clock = (d: Date): string => d.toISOString().slice(11, 19);

function resultReason(
  outcome: FixResult['outcome'],
  before: Diagnosis,
  after: Diagnosis,
  ended: Date,
  waitedMs: number,
): string {
  const from = before.verdict.label;
  if (outcome === 'unconfirmed')
    return `It ran, but no model call has run since it ended at ${clock(ended)} UTC (clawops looked for ${Math.round(waitedMs / 1000)} s), so nothing shows yet whether ${from} is over: the last failure is from before the fix. Send the agent a message, then \`/claw diagnose\`.`;
  if (outcome === 'not-fixed')
    return `It ran, but the verdict is ${after.verdict.label === from ? 'still' : 'now'} ${after.verdict.label}: ${after.verdict.summary}`;
  const calls = after.since?.successes ?? 0;
  const none = after.since?.failures === 0 ? ', and none failed' : '';
  return calls > 0 && targets(before).some((l) => PROVIDER_LABELS.has(l))
    ? `It worked: ${from} → ${after.verdict.label}. ${calls === 1 ? 'A model call' : `${calls} model calls`} since it ended at ${clock(ended)} UTC succeeded${none}.`
    : `It worked: ${from} → ${after.verdict.label}.`;
}
