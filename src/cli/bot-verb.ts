import { once } from 'node:events';
import { LogLevel } from '@slack/bolt';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { commands } from '../../commands/index.js';
import { loadConfig } from '../config.js';
import { UserError } from '../core/errors.js';
import { createRegistry } from '../core/registry.js';
import { createLogger } from '../logger.js';
import { parseVerbArgs } from './args.js';
import { EXIT, type Verb } from './io.js';
import { openTransport, requireRedis } from './transport.js';

export const botVerb: Verb = {
  name: 'bot',
  summary: 'run the chat bot: /claw in Slack, answered by the workers through Redis',
  help: `Usage: clawops bot

Runs the chat bot. It never runs OpenClaw itself: requests go through Redis (REDIS_URL) to the
\`clawops worker\` of each gateway host.

Slack, when SLACK_BOT_TOKEN is set:
  Socket Mode when SLACK_APP_TOKEN (xapp-…) is set; otherwise HTTP mode on CLAWOPS_HTTP_PORT
  (default 3000), request URL http://<host>:<port>/slack/events, verified with
  SLACK_SIGNING_SECRET. SLACK_API_URL overrides the Web API base URL.

Environment:
  REDIS_URL, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN, SLACK_API_URL,
  CLAWOPS_HTTP_PORT, CLAWOPS_ALLOWED_CHANNELS and CLAWOPS_ALLOWED_USERS (comma-separated ids;
  empty: everyone), CLAWOPS_DEFAULT_HOST (host meant when /claw names none), CLAWOPS_LOG_LEVEL.
`,
  async run(io) {
    const { values } = parseVerbArgs('bot', io.args, {
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const config = loadConfig(io.env);
    requireRedis(
      config,
      'bot',
      'to reach the workers on the gateway hosts',
      'To try clawops without Redis or chat, run `clawops dev`.',
    );
    const slack = config.slack;
    if (!slack)
      throw new UserError(
        'config',
        'no chat platform is configured: set SLACK_BOT_TOKEN (and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN).',
      );
    if (!slack.appToken && !slack.signingSecret)
      throw new UserError(
        'config',
        'Slack HTTP mode needs SLACK_SIGNING_SECRET to verify requests (or set SLACK_APP_TOKEN for Socket Mode).',
      );
    const log = createLogger(config.logLevel);
    const transport = await openTransport(io, { worker: false });
    const adapter = createSlackAdapter({
      botToken: slack.botToken,
      signingSecret: slack.signingSecret,
      appToken: slack.appToken,
      apiUrl: slack.apiUrl,
      logLevel: config.logLevel === 'debug' ? LogLevel.DEBUG : LogLevel.ERROR,
      deps: {
        registry: createRegistry(commands),
        transport,
        actions: transport.actions,
        access: config.access,
        defaultHost: config.defaultHost,
        logError: (err, inv) => log.error({ err: String(err), requestId: inv.requestId }, 'command failed'),
      },
    });
    try {
      const port = await adapter.start(config.httpPort, '0.0.0.0');
      io.stderr(
        `clawops bot: Slack ${port === null ? 'connected over Socket Mode' : `listening on port ${port} (/slack/events)`}\n`,
      );
      if (!io.signal.aborted) await once(io.signal, 'abort');
      io.stderr('clawops bot: stopping…\n');
    } finally {
      await adapter.stop().catch(() => {});
      await transport.close();
    }
    return EXIT.ok;
  },
};
