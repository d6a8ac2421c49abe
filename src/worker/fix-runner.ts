import type { FixJob, FixResult } from '../core/job.js';
import { RESTART_CLASS } from '../core/job.js';
import type { RestartBudget } from '../core/restart-budget.js';
import type { DiagnosisRunner, FixRunner } from '../core/transport.js';
import type { Diagnosis } from '../engine/diagnosis.js';
import { FIXES } from '../engine/fixes.js';
import type { CommandRun } from '../probes/run-probe.js';
import { type FixSetup, fixArgv, shownArgv } from './fix-catalogue.js';

export type FixRunnerOptions = {
  readonly diagnose: DiagnosisRunner;
  readonly setup: Promise<FixSetup>;
  readonly budget: RestartBudget;
  readonly restartsPerHour: number;
  readonly execute: (argv: readonly string[], signal: AbortSignal) => Promise<CommandRun>;
};

/**
 * Runs an approved fix the careful way: diagnose first and refuse when the verdict no longer
 * calls for it (the gateway came back, the cooldown ended); refuse past the restart budget; run
 * the fix's fixed argv; diagnose again and say plainly whether it worked.
 */
export function createFixRunner(opts: FixRunnerOptions): FixRunner {
  return async (job: FixJob, { signal, claim }) => {
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
      const budget = await opts.budget.take(job.host, opts.restartsPerHour);
      if (!budget.ok)
        return refuse(
          before,
          `Not run: ${job.host} had ${opts.restartsPerHour} restarts in the last hour, the most clawops allows. Look at the cause before restarting again.`,
        );
    }
    if (claim && !(await claim()))
      return refuse(
        before,
        'Not run again: this approved fix already started once (its worker stopped mid-run).',
      );
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
    const fixed =
      after.verdict.label === 'healthy' || !after.findings.some((f) => f.label === before.verdict.label);
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
