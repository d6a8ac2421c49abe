import type { Decision } from '../src/core/approval.js';
import type { CommandContext } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';

/** The approval request an Approve or Deny button decides. */
export const APPROVAL_OPTION = { name: 'approval', description: 'the approval id', required: true } as const;

/** Whether the person invoking may approve fixes: by user id, or by Slack user group / Discord role. */
export function isApprover(ctx: CommandContext<unknown>): boolean {
  const { user } = ctx.invocation;
  return (
    ctx.fixes.approvers.includes(user.id) || (user.roles ?? []).some((r) => ctx.fixes.groups.includes(r))
  );
}

/** One audit entry about the invocation at hand. */
export function audit(
  ctx: CommandContext<unknown>,
  e: {
    event: 'approved' | 'denied' | 'refused' | 'result';
    host: string;
    fix: string;
    verdict: string;
    detail: string;
  },
): Promise<void> {
  const inv = ctx.invocation;
  return ctx.fixes.audit.append({
    ...e,
    who: `${inv.platform}:${inv.user.id}`,
    where: inv.replyTo,
    when: new Date().toISOString(),
  });
}

export const NO_APPROVERS =
  'No approvers are configured, so no fix can run. An admin sets CLAWOPS_APPROVERS (user ids) or CLAWOPS_APPROVER_GROUPS.';

/** Refuses a click on a request someone decided already, and audits the refusal. */
export async function alreadyDecided(
  ctx: CommandContext<unknown>,
  about: { host: string; fix: string; verdict: string },
  d: Decision,
  more = '',
): Promise<never> {
  const why = `this request was already decided: ${d.outcome} by ${d.byName} at ${new Date(d.at).toISOString()}`;
  await audit(ctx, { ...about, event: 'refused', detail: `${why}.` });
  throw new UserError('usage', `${why}; ${more || 'nothing changed.'}`);
}
