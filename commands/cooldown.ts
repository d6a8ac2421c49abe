import { defineCommand } from '../src/core/command.js';
import { cooldownLine } from '../src/core/cooldown-lines.js';
import { cooldownReportMessage } from '../src/core/cooldown-message.js';
import type { Block } from '../src/core/message.js';
import { LABEL_INFO } from '../src/engine/labels.js';
import { runDiagnosis } from './diagnose.js';
import { hostArg, hostOption } from './host-arg.js';

export const cooldown = defineCommand({
  name: 'cooldown',
  summary: 'cooldown episodes and auth profile states, with remaining time and what started them',
  options: [hostOption('the gateway host (default: the only live one)')],
  async run(ctx) {
    const host = await hostArg(ctx, ctx.args.host);
    // The worker's watcher knows at once; without one, a diagnosis finds out.
    const report = (await ctx.transport.watchReport?.(host).catch(() => null)) ?? null;
    if (report) return cooldownReportMessage(report, Date.now());
    const d = await runDiagnosis(ctx, host);
    if (d.cooldowns.length === 0) {
      const text = `✅ ${host}: no auth profile is in cooldown or disabled (verdict: ${d.verdict.label}).`;
      return { text, blocks: [{ type: 'markdown', text }], tone: 'ok' };
    }
    const cause = d.verdict.cause
      ? ` It started with *${d.verdict.cause}* (${LABEL_INFO[d.verdict.cause].title}).`
      : '';
    const lines = d.cooldowns.map(cooldownLine);
    const blocks: Block[] = [
      { type: 'header', text: `🧊 ${host}: ${d.cooldowns.length} profile(s) cooling down` },
      { type: 'markdown', text: `${d.verdict.summary}${cause}` },
      { type: 'code', text: lines.join('\n') },
    ];
    return { text: `${host}: ${lines.join('; ')}`, blocks, tone: 'warn' };
  },
});
