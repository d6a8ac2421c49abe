import { once } from 'node:events';
import { type Config, loadConfig } from '../config.js';
import { type AlertPlatform, type AlertSink, createAlertDelivery } from '../core/alert-delivery.js';
import type { DispatchDeps } from '../core/dispatch.js';
import type { AnswerSink } from '../core/pending.js';
import type { Logger } from '../logger.js';
import type { HealthServer } from '../observe/health-server.js';
import { createMetrics } from '../observe/metrics.js';
import { serveHealth } from '../observe/serve-health.js';
import { startAlertConsumer } from '../queue/alerts.js';
import { createQueueHealth } from '../queue/queue-health.js';
import { type SilenceWatch, startSilenceWatch } from '../queue/silence-watch.js';
import { parseVerbArgs } from './args.js';
import { createBotParts } from './bot-parts.js';
import { chatDepsFor } from './chat-deps.js';
import { EXIT, type Verb } from './io.js';
import { startResumer } from './resumer.js';

type Platform = {
  readonly name: string;
  readonly key: AlertPlatform;
  readonly alerts: AlertSink;
  readonly answers: AnswerSink;
  connected(): boolean;
  start(): Promise<string>;
  stop(): Promise<void>;
};

/**
 * The chat platforms the settings enable, each checked before anything connects. Each adapter and
 * its SDK is loaded only when its platform is configured: a Slack-only bot never loads discord.js.
 */
async function platforms(config: Config, deps: DispatchDeps, log: Logger): Promise<Platform[]> {
  const out: Platform[] = [];
  const { slack, discord } = config;
  if (slack) {
    const { createSlackAdapter, boltLevelFor } = await import('../../adapters/slack/index.js');
    const adapter = createSlackAdapter({
      botToken: slack.botToken,
      signingSecret: slack.signingSecret,
      appToken: slack.appToken,
      apiUrl: slack.apiUrl,
      approverGroups: config.approval.groups,
      logLevel: boltLevelFor(config.logLevel),
      log,
      deps,
    });
    out.push({
      name: 'Slack',
      key: 'slack',
      alerts: adapter.alerts,
      answers: adapter.answers,
      connected: () => adapter.connected(),
      async start() {
        const port = await adapter.start(config.httpPort, '0.0.0.0');
        return port === null ? 'connected over Socket Mode' : `listening on port ${port} (/slack/events)`;
      },
      stop: () => adapter.stop(),
    });
  }
  if (discord) {
    const { createDiscordAdapter } = await import('../../adapters/discord/index.js');
    const adapter = createDiscordAdapter({
      token: discord.token,
      // Checked with the rest of the settings (loadConfig for the bot role).
      applicationId: discord.applicationId ?? '',
      guildId: discord.guildId,
      apiUrl: discord.apiUrl,
      deps,
      onError: (err) => log.error({ err: String(err) }, 'Discord interaction failed'),
    });
    out.push({
      name: 'Discord',
      key: 'discord',
      alerts: adapter.alerts,
      answers: adapter.answers,
      connected: () => adapter.connected(),
      async start() {
        await adapter.start();
        return `connected, /claw registered ${discord.guildId ? `in guild ${discord.guildId}` : 'globally'}`;
      },
      stop: () => adapter.stop(),
    });
  }
  return out;
}

export const botVerb: Verb = {
  name: 'bot',
  summary: 'run the chat bot: /claw in Slack and Discord, answered by the workers through Redis',
  help: `Usage: clawops bot

Runs the chat bot. It never runs OpenClaw itself: requests go through Redis (REDIS_URL) to the
\`clawops worker\` of each gateway host.

Slack, when SLACK_BOT_TOKEN is set:
  Socket Mode when SLACK_APP_TOKEN (xapp-…) is set; otherwise HTTP mode on CLAWOPS_HTTP_PORT
  (default 3000), request URL http://<host>:<port>/slack/events, verified with
  SLACK_SIGNING_SECRET. SLACK_API_URL overrides the Web API base URL.
Discord, when DISCORD_TOKEN is set:
  /claw is registered for DISCORD_APPLICATION_ID in DISCORD_GUILD_ID (instant) or globally.
  DISCORD_API_URL overrides the REST base URL.

Environment:
  REDIS_URL, the Slack and Discord variables above, CLAWOPS_ALLOWED_CHANNELS,
  CLAWOPS_ALLOWED_USERS and CLAWOPS_ALLOWED_ROLES (comma-separated ids; empty: everyone),
  CLAWOPS_DEFAULT_HOST (host meant when /claw names none), CLAWOPS_LOG_LEVEL,
  CLAWOPS_HEALTH_PORT (/healthz and /metrics, default 9090; off: neither), CLAWOPS_HEALTH_HOST,
  CLAWOPS_BOT_ALIVE_MS (a killed bot's requests are taken over this long after, default 10000).

Alerts, from the workers' watchers (cooldown, gateway-down, route-broken, credential-expiring)
and from the bot itself (worker-silent):
  CLAWOPS_ALERT_CHANNELS  comma-separated [host=]slack:<channel id> or [host=]discord:<channel id>;
                          entries without host= are the default, a host with its own gets only those.
                          One message per episode, edited as it changes and when it ends.
  CLAWOPS_ALERT_KINDS     the kinds posted, comma-separated (default: all)
  CLAWOPS_SILENT_ALERT_MS worker-silent after this long without a heartbeat (default 120000);
                          with several bots, one watches at a time
`,
  async run(io) {
    const { values } = parseVerbArgs('bot', io.args, {
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const config = loadConfig(io.env, 'bot');
    const { redisUrl } = config;
    const queues = createQueueHealth({ redisUrl, prefix: config.redisPrefix });
    const metrics = createMetrics(
      'bot',
      () => queues.depth(),
      () => queues.workers(),
    );
    const { parts: transport, log } = await createBotParts(config, { signal: io.signal, metrics });
    const started: Platform[] = [];
    let alerts: { close(): Promise<void> } | null = null;
    let silence: SilenceWatch | null = null;
    let health: HealthServer | null = null;
    let resumer: { close(): void } | null = null;
    try {
      const deps = chatDepsFor(config, transport, log, {
        onRequest: (r) => {
          metrics.request(r);
          log.info({ event: 'request', ...r, ms: Math.round(r.ms) }, `/claw ${r.command} ${r.outcome}`);
        },
      });
      const all = await platforms(config, deps, log);
      for (const p of all) {
        const how = await p.start();
        started.push(p);
        io.stderr(`clawops bot: ${p.name} ${how}\n`);
      }
      // Requests a bot that died had queued: answered here, where that bot would have.
      if (transport.pending)
        resumer = startResumer(
          transport.pending,
          {
            transport,
            actions: transport.actions,
            fixes: deps.fixes,
            sinks: Object.fromEntries(all.map((p) => [p.key, p.answers])),
          },
          log,
        );
      if (config.alerts.configured) {
        const deliver = createAlertDelivery({
          routes: config.alerts.routes,
          sinks: Object.fromEntries(all.map((p) => [p.key, p.alerts])),
          refs: transport.alertRefs,
          actions: transport.actions,
        });
        alerts = startAlertConsumer({
          redisUrl,
          prefix: config.redisPrefix,
          deliver: async (e) => {
            if (!config.alerts.kinds.has(e.kind)) return;
            await deliver(e).catch((err: unknown) => {
              metrics.alert(e.status, 'failed');
              throw err;
            });
            metrics.alert(e.status, 'delivered');
          },
          log,
        });
        if (config.alerts.kinds.has('worker-silent'))
          silence = startSilenceWatch({
            redisUrl,
            prefix: config.redisPrefix,
            silentMs: config.alerts.thresholds.silentMs,
            quietMs: config.alerts.quietMs,
            log,
          });
        io.stderr(
          `clawops bot: posting alerts (${[...config.alerts.kinds].join(', ')}) to CLAWOPS_ALERT_CHANNELS\n`,
        );
      }
      const checks = {
        redis: () => queues.redis(),
        ...Object.fromEntries(
          all.map((p) => [
            p.key,
            async () => (p.connected() ? { ok: true } : { ok: false, detail: `${p.name} is not connected` }),
          ]),
        ),
        workers: async () => {
          const live = await queues.liveHosts();
          return live.length
            ? { ok: true, detail: live.join(', ') }
            : { ok: false, detail: 'no worker heartbeat in the last 20 s' };
        },
      };
      health = await serveHealth(config, 'bot', checks, metrics);
      if (health) io.stderr(`clawops bot: /healthz and /metrics on port ${health.port}\n`);
      if (!io.signal.aborted) await once(io.signal, 'abort');
      io.stderr('clawops bot: stopping…\n');
    } finally {
      await silence?.close();
      resumer?.close();
      // Before the platforms stop: requests still waiting are left for the next bot to answer.
      await transport.pending?.close();
      await alerts?.close();
      for (const p of started) await p.stop().catch(() => {});
      await health?.close();
      await transport.close();
      await queues.close();
    }
    return EXIT.ok;
  },
};
