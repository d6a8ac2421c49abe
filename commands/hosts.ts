import { defineCommand } from '../src/core/command.js';
import { ago } from '../src/core/text.js';

export const hosts = defineCommand({
  name: 'hosts',
  summary: 'the gateway hosts with a worker: live or silent, versions, last seen',
  options: [],
  async run(ctx) {
    const all = await ctx.transport.listHosts();
    if (all.length === 0) {
      const text = 'No worker has connected yet. Start `clawops worker` on a gateway host.';
      return { text, blocks: [{ type: 'markdown', text }] };
    }
    const now = Date.now();
    const lines = all.map(
      (h) =>
        `${h.state === 'live' ? '🟢' : '⚪'} ${h.host} — ${h.state}, seen ${ago(now - h.lastSeen)}, clawops ${h.clawopsVersion}, OpenClaw ${h.openclawVersion ?? 'unknown'}`,
    );
    return { text: lines.join('\n'), blocks: [{ type: 'markdown', text: lines.join('\n') }] };
  },
});
