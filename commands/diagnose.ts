import type { ActionStore } from '../src/core/action-store.js';
import type { CommandContext } from '../src/core/command.js';
import { defineCommand } from '../src/core/command.js';
import { fromSchema } from '../src/core/command-args.js';
import { diagnosisMessage, progressMessage } from '../src/core/diagnosis-message.js';
import { AgentIdSchema, type RunProgress } from '../src/core/job.js';
import { textMessage } from '../src/core/message.js';
import type { Diagnosis } from '../src/engine/diagnosis.js';
import type { FixId } from '../src/engine/fixes.js';
import { hostArg, hostOption } from './host-arg.js';

/** Buttons live as long as a person might still act on the verdict. */
export const BUTTON_TTL_MS = 15 * 60_000;

/** Runs (or joins) the host's diagnosis (of one agent's routes, if named), showing probes as they finish. */
export async function runDiagnosis(
  ctx: CommandContext<unknown>,
  host: string,
  agent?: string,
): Promise<Diagnosis> {
  const seen: RunProgress[] = [];
  ctx.progress(progressMessage(host, seen));
  const { diagnosis } = await ctx.transport.requestDiagnosis(
    {
      kind: 'diagnose',
      requestId: ctx.invocation.requestId,
      host,
      replyTo: ctx.invocation.replyTo,
      requestedBy: `${ctx.invocation.platform}:${ctx.invocation.user.id}`,
      ...(agent ? { agent } : {}),
    },
    {
      onProgress: (p) => {
        seen.push(p);
        if (p.state === 'done') ctx.progress(progressMessage(host, seen));
      },
      onWaiting: (why) => ctx.progress(textMessage(`⏳ ${why}`)),
      beforeQueue: async (runId) =>
        ctx.pending
          ?.track({
            kind: 'diagnose',
            requestId: ctx.invocation.requestId,
            host,
            runId,
            replyTo: ctx.invocation.replyTo,
            requestedBy: ctx.invocation.user.id,
            createdAt: Date.now(),
          })
          .catch(() => {}),
    },
  );
  return diagnosis;
}

/**
 * One stored action per fix the verdict offers, for the person who asked (`createdBy`), created
 * before rendering.
 */
export async function verdictButtons(
  actions: ActionStore,
  createdBy: string,
  d: Diagnosis,
): Promise<Partial<Record<FixId, string>>> {
  const ids = await Promise.all(
    (d.findings[0]?.fixes ?? []).map(async (fix) => {
      const call =
        fix === 'rediagnose'
          ? { command: 'diagnose', args: { host: d.host } }
          : { command: 'fix', args: { fix, host: d.host, verdict: d.verdict.label } };
      const id = await actions.put({ ...call, createdBy, createdAt: Date.now() }, BUTTON_TTL_MS);
      return [fix, id] as const;
    }),
  );
  return Object.fromEntries(ids);
}

export const diagnose = defineCommand({
  name: 'diagnose',
  summary: "diagnose a gateway's Anthropic route: which failure, who owns the fix, what to do",
  options: [
    hostOption('the gateway host (default: the only live one)'),
    {
      name: 'agent',
      description: "one agent's routes (default: the gateway's default agent)",
      required: false,
      parse: fromSchema(
        AgentIdSchema,
        (word) => `"${word.slice(0, 64)}" is not an agent id (letters, digits, "-" and "_").`,
      ),
    },
  ],
  async run(ctx) {
    const host = await hostArg(ctx, ctx.args.host);
    const d = await runDiagnosis(ctx, host, ctx.args.agent);
    return diagnosisMessage(d, await verdictButtons(ctx.actions, ctx.invocation.user.id, d));
  },
});
