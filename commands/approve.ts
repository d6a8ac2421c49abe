import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { fixResultMessage } from '../src/core/fix-messages.js';
import { RESTART_CLASS } from '../src/core/job.js';
import { textMessage } from '../src/core/message.js';
import { FIXES } from '../src/engine/fixes.js';
import { audit, isApprover, NO_APPROVERS } from './approver.js';

export const approve = defineCommand({
  name: 'approve',
  summary: 'approve a requested fix (the Approve button)',
  options: [{ name: 'approval', description: 'the approval id', required: true }],
  hidden: true,
  async run(ctx) {
    const id = ctx.args[0] as string;
    const { invocation: inv, fixes } = ctx;
    const pending = await fixes.approvals.get(id);
    if (!pending)
      throw new UserError('usage', 'this request has expired or was already decided; nothing ran.');
    const about = { host: pending.host, fix: pending.fix, verdict: pending.verdict };
    const refuse = async (why: string) => {
      await audit(ctx, { ...about, event: 'refused', detail: why });
      throw new UserError('forbidden', `${why} Nothing ran.`);
    };
    if (fixes.approvers.length === 0 && fixes.groups.length === 0) return refuse(NO_APPROVERS);
    if (!isApprover(ctx)) return refuse('only approvers may approve fixes.');
    if (RESTART_CLASS.has(pending.fix) && pending.requestedBy === inv.user.id && !fixes.allowSelf)
      return refuse(`"${FIXES[pending.fix].title}" needs an approver other than the person who asked.`);
    // Only one click takes the approval; the others find it gone.
    const approval = await fixes.approvals.consume(id);
    if (!approval) throw new UserError('usage', 'this request was already decided; nothing more will run.');
    const approvedBy = inv.user.name ?? inv.user.id;
    await audit(ctx, { ...about, event: 'approved', detail: `approval ${id} by ${approvedBy}` });
    ctx.progress(
      textMessage(`⏳ ${approvedBy} approved: running "${FIXES[approval.fix].title}" on ${approval.host}…`),
    );
    const result = await ctx.transport.requestFix({
      kind: 'fix',
      requestId: id,
      host: approval.host,
      fix: approval.fix,
      replyTo: inv.replyTo,
      requestedBy: approval.requestedBy,
      approvedBy: inv.user.id,
    });
    await audit(ctx, {
      ...about,
      verdict: result.before.verdict.label,
      event: result.outcome === 'refused' ? 'refused' : 'result',
      detail: `${result.outcome}: ${result.reason}`,
    });
    return fixResultMessage(approval, approvedBy, result);
  },
});
