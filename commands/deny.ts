import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { textMessage } from '../src/core/message.js';
import { FIXES } from '../src/engine/fixes.js';
import { audit, isApprover, NO_APPROVERS } from './approver.js';

export const deny = defineCommand({
  name: 'deny',
  summary: 'deny a requested fix (the Deny button)',
  options: [{ name: 'approval', description: 'the approval id', required: true }],
  hidden: true,
  async run(ctx) {
    const id = ctx.args[0] as string;
    const pending = await ctx.fixes.approvals.get(id);
    if (!pending) throw new UserError('usage', 'this request has expired or was already decided.');
    const about = { host: pending.host, fix: pending.fix, verdict: pending.verdict };
    if (!isApprover(ctx)) {
      const why =
        ctx.fixes.approvers.length || ctx.fixes.groups.length
          ? 'only approvers may deny fixes.'
          : NO_APPROVERS;
      await audit(ctx, { ...about, event: 'refused', detail: why });
      throw new UserError('forbidden', why);
    }
    if (!(await ctx.fixes.approvals.consume(id)))
      throw new UserError('usage', 'this request was already decided.');
    const by = ctx.invocation.user.name ?? ctx.invocation.user.id;
    await audit(ctx, { ...about, event: 'denied', detail: `approval ${id} denied by ${by}` });
    return textMessage(`🚫 ${by} denied "${FIXES[pending.fix].title}" on ${pending.host}. Nothing ran.`);
  },
});
