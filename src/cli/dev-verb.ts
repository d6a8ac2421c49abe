import { runConsole } from '../../adapters/console/index.js';
import { loadConfig } from '../config.js';
import { parseVerbArgs } from './args.js';
import { createBotParts } from './bot-parts.js';
import { chatDepsFor } from './chat-deps.js';
import { EXIT, type Verb } from './io.js';

export const devVerb: Verb = {
  name: 'dev',
  summary: 'the bot in this terminal: type /claw commands, press buttons by number',
  help: `Usage: clawops dev

Opens a console session with the bot and a worker for this host: type /claw commands as in
chat (/claw help lists them), press a button of the last answer by typing its number, quit to
leave. Without REDIS_URL the worker runs in this process; with REDIS_URL requests go through
BullMQ on Redis exactly as in production, and this process also runs this host's worker
(CLAWOPS_HOST). CLAWOPS_ALLOWED_USERS applies to the console user "console".
`,
  async run(io) {
    const { values } = parseVerbArgs('dev', io.args, {
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const config = loadConfig(io.env, 'dev');
    const { parts: transport, log } = await createBotParts(config, { worker: true, signal: io.signal });
    io.stdout(
      `clawops console — ${config.host}, ${config.redisUrl ? 'jobs through Redis' : 'in-process worker'}.\n`,
    );
    try {
      await runConsole({
        input: io.input,
        write: io.stdout,
        user: 'console',
        signal: io.signal,
        // The person at this terminal is the only user: they approve their own fixes.
        deps: chatDepsFor(
          { ...config, approval: { ...config.approval, approvers: ['console'], allowSelf: true } },
          transport,
          log,
          {
            access: { channels: [], users: config.access.users },
            defaultHost: config.defaultHost ?? config.host,
          },
        ),
      });
    } finally {
      await transport.close();
    }
    return EXIT.ok;
  },
};
