import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { decidedMessage } from '../src/core/fix-messages.js';
import { textMessage } from '../src/core/message.js';
import { FIXES } from '../src/engine/fixes.js';
import { APPROVAL_OPTION, alreadyDecided, audit, isApprover, NO_APPROVERS } from './approver.js';

export const deny = defineCommand({
  name: 'deny',
  summary: 'deny a requested fix (the Deny button)',
  options: [APPROVAL_OPTION],
  hidden: true,
  async run(ctx) {
    const id = ctx.args.approval;
    const pending = await ctx.fixes.approvals.get(id);
    if (!pending) throw new UserError('usage', 'this request has expired.');
    const about = { host: pending.host, fix: pending.fix, verdict: pending.verdict };
    if (pending.decision) return alreadyDecided(ctx, about, pending.decision);
    if (!isApprover(ctx)) {
      const why =
        ctx.fixes.approvers.length || ctx.fixes.groups.length
          ? 'only approvers may deny fixes.'
          : NO_APPROVERS;
      await audit(ctx, { ...about, event: 'refused', detail: why });
      throw new UserError('forbidden', why);
    }
    const by = ctx.invocation.user.name ?? ctx.invocation.user.id;
    const mine = { outcome: 'denied', by: ctx.invocation.user.id, byName: by, at: Date.now() } as const;
    const decided = await ctx.fixes.approvals.decide(id, mine);
    if (!decided) throw new UserError('usage', 'this request has expired.');
    if (!decided.first) return alreadyDecided(ctx, about, decided.decision);
    await audit(ctx, { ...about, event: 'denied', detail: `approval ${id} denied by ${by}` });
    void ctx.editSource?.(decidedMessage(decided.approval, mine, 'nothing ran')).catch(() => {});
    return textMessage(`🚫 ${by} denied "${FIXES[pending.fix].title}" on ${pending.host}. Nothing ran.`);
  },
});
