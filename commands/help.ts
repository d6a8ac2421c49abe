import { defineCommand } from '../src/core/command.js';

export const help = defineCommand({
  name: 'help',
  summary: 'this list',
  options: [],
  async run(ctx) {
    const lines = ctx.commands.filter((c) => !c.hidden).map((c) => `\`/claw ${c.usage}\` — ${c.summary}`);
    const text = `*clawops* finds out why an OpenClaw gateway's Anthropic route broke and who owns the fix.\n${lines.join('\n')}`;
    return { text, blocks: [{ type: 'markdown', text }], visibility: 'requester' };
  },
});
