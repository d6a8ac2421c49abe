import type { FixJob, FixResult } from '../core/job.js';
import { RESTART_CLASS } from '../core/job.js';
import type { RestartBudget } from '../core/restart-budget.js';
import type { DiagnosisRunner, FixRunner, StartedFix } from '../core/transport.js';
import type { Diagnosis } from '../engine/diagnosis.js';
import { FIXES } from '../engine/fixes.js';
import { createRedactor } from '../engine/redact.js';
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
};

/**
 * Runs an approved fix the careful way: diagnose first and refuse when the verdict no longer
 * calls for it (the gateway came back, the cooldown ended); refuse past the restart budget; run
 * the fix's fixed argv; diagnose again and say plainly whether it worked.
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
    const diagnose = () =>
      opts.diagnose(
        {
          kind: 'diagnose',
          requestId: job.requestId,
          host: job.host,
          replyTo: job.replyTo,
          requestedBy: job.approvedBy,
          deep: false,
        },
        { signal, onProgress: () => {} },
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
      const after = await diagnose();
      const fixed = isFixed(earlier.before, after);
      return {
        outcome: fixed ? 'fixed' : 'not-fixed',
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
    const after = await diagnose();
    if (run.exitCode !== 0)
      return {
        outcome: 'failed',
        reason: `\`${shownArgv(argv).join(' ')}\` ${run.timedOut ? 'timed out' : `exited ${run.exitCode ?? 'without a code'}`}; the verdict is ${after.verdict.label}.`,
        argv: shownArgv(argv),
        exitCode: run.exitCode,
        before,
        after,
      };
    const fixed = isFixed(before, after);
    return {
      outcome: fixed ? 'fixed' : 'not-fixed',
      reason: fixed
        ? `It worked: ${before.verdict.label} → ${after.verdict.label}.`
        : `It ran, but the verdict is still ${after.verdict.label}: ${after.verdict.summary}`,
      argv: shownArgv(argv),
      exitCode: run.exitCode,
      before,
      after,
    };
  };
}

/** The failure the fix was for is gone (or the gateway is healthy). */
const isFixed = (before: Diagnosis, after: Diagnosis): boolean =>
  after.verdict.label === 'healthy' || !after.findings.some((f) => f.label === before.verdict.label);
