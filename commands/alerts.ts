import { openAlertsMessage } from '../src/core/alerts-message.js';
import { defineCommand } from '../src/core/command.js';
import { hostArg, hostOption } from './host-arg.js';

export const alerts = defineCommand({
  name: 'alerts',
  summary:
    'the alerts open now, of every kind: cooldowns, gateways down, broken routes, credentials, workers',
  options: [hostOption('only this gateway host (default: every host)')],
  async run(ctx) {
    const host = ctx.args.host === undefined ? null : await hostArg(ctx, ctx.args.host);
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
