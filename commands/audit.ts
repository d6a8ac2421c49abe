import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { isApprover } from './approver.js';
import { hostOption } from './host-arg.js';

const SHOWN = 20;

export const audit = defineCommand({
  name: 'audit',
  summary: 'the latest fix requests, approvals, denials, refusals and results (approvers only)',
  options: [hostOption('only this host')],
  async run(ctx) {
    if (!isApprover(ctx)) throw new UserError('forbidden', 'the audit trail is for approvers.');
    const host = ctx.args.host ?? null;
    const entries = await ctx.fixes.audit.recent(host, SHOWN);
    if (entries.length === 0) {
      const text = `No fix has been requested${host ? ` on ${host}` : ''} yet.`;
      return { text, blocks: [{ type: 'markdown', text }], visibility: 'requester' };
    }
    const lines = entries.map(
      (e) => `${e.when}  ${e.event.padEnd(9)} ${e.fix} on ${e.host}  ${e.who}  (${e.verdict}) ${e.detail}`,
    );
    return {
      text: `Audit trail, newest first:\n${lines.join('\n')}`,
      blocks: [
        { type: 'markdown', text: `*Audit trail${host ? ` of ${host}` : ''}*, newest first` },
        { type: 'code', text: lines.join('\n') },
      ],
      visibility: 'requester',
    };
  },
});
