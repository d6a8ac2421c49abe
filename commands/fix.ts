import { defineCommand } from '../src/core/command.js';
import { fixMessage } from '../src/core/diagnosis-message.js';
import { UserError } from '../src/core/errors.js';
import { FIXES, type FixId } from '../src/engine/fixes.js';
import { hostArg } from './host-arg.js';

export const fix = defineCommand({
  name: 'fix',
  summary: 'what a fix does and the exact commands for it (the buttons under a verdict)',
  options: [
    { name: 'fix', description: 'the fix id', required: true },
    { name: 'host', description: 'the gateway host (default: the only live one)', required: false },
  ],
  hidden: true,
  async run(ctx) {
    const id = ctx.args[0];
    if (!id || !(id in FIXES))
      throw new UserError('usage', `unknown fix "${id ?? ''}". Fixes: ${Object.keys(FIXES).join(', ')}.`);
    const host = await hostArg({ ...ctx, args: ctx.args.slice(1) });
    return fixMessage(id as FixId, host);
  },
});
