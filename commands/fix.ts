import { defineCommand } from '../src/core/command.js';
import { fixMessage } from '../src/core/diagnosis-message.js';
import { UserError } from '../src/core/errors.js';
import { FIXES, type FixId } from '../src/engine/fixes.js';
import { hostArg } from './host-arg.js';

export const fix = defineCommand({
  name: 'fix',
  usage: 'fix <fix-id> [host]',
  summary: 'what a fix does and the exact commands for it (the buttons under a verdict)',
  maxArgs: 2,
  hidden: true,
  async run(ctx) {
    const id = ctx.args[0];
    if (!id || !(id in FIXES))
      throw new UserError('usage', `unknown fix "${id ?? ''}". Fixes: ${Object.keys(FIXES).join(', ')}.`);
    const host = await hostArg({ ...ctx, args: ctx.args.slice(1) }, this.usage);
    return fixMessage(id as FixId, host);
  },
});
