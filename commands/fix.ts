import { defineCommand, type Parsed } from '../src/core/command.js';
import { fixMessage } from '../src/core/diagnosis-message.js';
import { approvalMessage, plannedArgv } from '../src/core/fix-messages.js';
import { RESTART_CLASS, RUNNABLE_FIXES, type RunnableFix } from '../src/core/job.js';
import { FIXES, type FixId } from '../src/engine/fixes.js';
import { hostArg, hostOption } from './host-arg.js';

const runnable = (id: string): id is RunnableFix => (RUNNABLE_FIXES as readonly string[]).includes(id);

const fixId = (word: string): Parsed<FixId> =>
  Object.hasOwn(FIXES, word)
    ? { ok: true, value: word as FixId }
    : { ok: false, problem: `unknown fix "${word.slice(0, 100)}". Fixes: ${Object.keys(FIXES).join(', ')}.` };

export const fix = defineCommand({
  name: 'fix',
  summary: 'what a fix does; for the ones clawops runs, a request an approver approves',
  options: [
    { name: 'fix', description: 'the fix id', required: true, parse: fixId },
    hostOption('the gateway host (default: the only live one)'),
    { name: 'verdict', description: 'the verdict that offered it', required: false },
  ],
  hidden: true,
  buttonOnly: true,
  async run(ctx) {
    const id = ctx.args.fix;
    const host = await hostArg(ctx, ctx.args.host);
    if (!runnable(id) || FIXES[id].runBy !== 'clawops') return fixMessage(id, host);
    const { invocation: inv, fixes } = ctx;
    const commands = (await ctx.transport.listHosts()).find((h) => h.host === host)?.fixCommands;
    // A worker that cannot start its gateway gets no approval to try: a person starts it.
    if (id === 'start-gateway' && commands && !commands.start)
      return fixMessage('start-gateway-by-hand', host);
    const approval = {
      fix: id,
      host,
      requestedBy: inv.user.id,
      requestedByName: inv.user.name ?? inv.user.id,
      verdict: ctx.args.verdict ?? 'as diagnosed',
      createdAt: Date.now(),
    };
    const approvalId = await fixes.approvals.create(approval, fixes.ttlMs);
    const button = (command: 'approve' | 'deny') =>
      ctx.actions.put(
        {
          command,
          args: { approval: approvalId },
          createdBy: inv.user.id,
          createdAt: Date.now(),
          reusable: true,
        },
        fixes.ttlMs,
      );
    const ids = { approve: await button('approve'), deny: await button('deny') };
    await fixes.audit.append({
      event: 'requested',
      host,
      fix: id,
      who: `${inv.platform}:${inv.user.id}`,
      where: inv.replyTo,
      when: new Date().toISOString(),
      verdict: approval.verdict,
      detail: `approval ${approvalId}`,
    });
    return approvalMessage(
      approval,
      ids,
      fixes.ttlMs,
      fixes.allowSelf || !RESTART_CLASS.has(id),
      plannedArgv(id, commands),
    );
  },
});
