import { openAlertsMessage } from '../src/core/alerts-message.js';
import { defineCommand } from '../src/core/command.js';
import { hostArg } from './host-arg.js';

export const alerts = defineCommand({
  name: 'alerts',
  summary:
    'the alerts open now, of every kind: cooldowns, gateways down, broken routes, credentials, workers',
  options: [{ name: 'host', description: 'only this gateway host (default: every host)', required: false }],
  async run(ctx) {
    const host = ctx.args[0] === undefined ? null : await hostArg(ctx);
    const hosts = host ? [host] : (await ctx.transport.listHosts()).map((h) => h.host);
    const reports = await Promise.all(hosts.map((h) => ctx.transport.watchReport?.(h).catch(() => null)));
    const silent = (await ctx.transport.silentEpisodes?.().catch(() => [])) ?? [];
    const episodes = [
      ...reports.flatMap((r) => r?.episodes ?? []),
      ...silent.filter((e) => !host || e.host === host),
    ];
    return openAlertsMessage(episodes, Date.now(), host);
  },
});
