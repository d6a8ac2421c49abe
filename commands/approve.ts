import type { Decision } from '../src/core/approval.js';
import { defineCommand } from '../src/core/command.js';
import { BotError, UserError } from '../src/core/errors.js';
import { decidedMessage, fixResultMessage, OUTCOME } from '../src/core/fix-messages.js';
import { RESTART_CLASS } from '../src/core/job.js';
import { textMessage } from '../src/core/message.js';
import { FIXES } from '../src/engine/fixes.js';
import { APPROVAL_OPTION, alreadyDecided, audit, isApprover, NO_APPROVERS } from './approver.js';

export const approve = defineCommand({
  name: 'approve',
  summary: 'approve a requested fix (the Approve button)',
  options: [APPROVAL_OPTION],
  hidden: true,
  async run(ctx) {
    const id = ctx.args.approval;
    const { invocation: inv, fixes } = ctx;
    const pending = await fixes.approvals.get(id);
    if (!pending) throw new UserError('usage', 'this request has expired; nothing ran.');
    const about = { host: pending.host, fix: pending.fix, verdict: pending.verdict };
    if (pending.decision) return alreadyDecided(ctx, about, pending.decision, 'nothing more will run.');
    const refuse = async (why: string) => {
      await audit(ctx, { ...about, event: 'refused', detail: why });
      throw new UserError('forbidden', `${why} Nothing ran.`);
    };
    if (fixes.approvers.length === 0 && fixes.groups.length === 0) return refuse(NO_APPROVERS);
    if (!isApprover(ctx)) return refuse('only approvers may approve fixes.');
    if (RESTART_CLASS.has(pending.fix) && pending.requestedBy === inv.user.id && !fixes.allowSelf)
      return refuse(`"${FIXES[pending.fix].title}" needs an approver other than the person who asked.`);
    const approvedBy = inv.user.name ?? inv.user.id;
    const mine: Decision = { outcome: 'approved', by: inv.user.id, byName: approvedBy, at: Date.now() };
    // Only one click decides; the others learn who did.
    const decided = await fixes.approvals.decide(id, mine);
    if (!decided) throw new UserError('usage', 'this request has expired; nothing ran.');
    if (!decided.first) return alreadyDecided(ctx, about, decided.decision, 'nothing more will run.');
    const { approval } = decided;
    await audit(ctx, { ...about, event: 'approved', detail: `approval ${id} by ${approvedBy}` });
    const title = FIXES[approval.fix].title;
    ctx.progress(textMessage(`⏳ ${approvedBy} approved: running "${title}" on ${approval.host}…`));
    const showOutcome = (outcome: string) =>
      void ctx.editSource?.(decidedMessage(approval, mine, outcome)).catch(() => {});
    let queued = false;
    try {
      const result = await ctx.transport.requestFix(
        {
          kind: 'fix',
          requestId: id,
          host: approval.host,
          fix: approval.fix,
          replyTo: inv.replyTo,
          requestedBy: approval.requestedBy,
          approvedBy: inv.user.id,
        },
        {
          beforeQueue: async (runId) =>
            ctx.pending
              ?.track({
                kind: 'fix',
                requestId: inv.requestId,
                host: approval.host,
                runId,
                replyTo: inv.replyTo,
                requestedBy: approval.requestedBy,
                createdAt: Date.now(),
                approvalId: id,
                approvedBy: inv.user.id,
                approvedByName: approvedBy,
                approvalMessage: inv.sourceMessage,
              })
              .catch(() => {}),
          onQueued: () => {
            queued = true;
            showOutcome('running…');
          },
          onWaiting: (why) => ctx.progress(textMessage(`⏳ ${approvedBy} approved "${title}": ${why}`)),
        },
      );
      await audit(ctx, {
        ...about,
        verdict: result.before.verdict.label,
        event: result.outcome === 'refused' ? 'refused' : 'result',
        detail: `${result.outcome}: ${result.reason}`,
      });
      showOutcome(OUTCOME[result.outcome]);
      return fixResultMessage(approval, approvedBy, result);
    } catch (err) {
      const why = err instanceof BotError ? err.message : String(err);
      if (!queued) {
        // Not accepted by the queue: the request stays open for another try.
        await fixes.approvals.reopen(id, fixes.ttlMs);
        await audit(ctx, { ...about, event: 'refused', detail: `not queued: ${why}` });
        throw err instanceof UserError
          ? new UserError(err.code, `${err.message}. Nothing ran; the request is still open.`)
          : err;
      }
      // A queued fix that ended without a result (its worker went silent, it timed out). Anything
      // else is this bot stopping or a bug: the fix goes on, and the next bot reports its result.
      if (err instanceof UserError) {
        await audit(ctx, { ...about, event: 'result', detail: `failed: ${why}` });
        showOutcome(`failed: ${why}`);
      }
      throw err;
    }
  },
});
