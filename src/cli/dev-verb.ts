import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config.js';
import { BotError, UserError } from '../core/errors.js';
import type { DiagnosisTransport } from '../core/transport.js';
import { parseVerbArgs } from './args.js';
import { renderHosts } from './hosts-verb.js';
import { EXIT, type Verb } from './io.js';
import { renderDiagnosis } from './report.js';
import { openTransport } from './transport.js';

const HELP_LINES = `Commands:
  /claw diagnose [host]   diagnose a host's Anthropic route (default: this host)
  /claw hosts             list the workers, live or silent
  /claw help              this help
  quit                    end the session (Ctrl-D too)
`;

async function handle(line: string, transport: DiagnosisTransport, host: string, out: (s: string) => void) {
  const [slash, sub, ...rest] = line.trim().split(/\s+/);
  if (slash !== '/claw') {
    out(`Type a /claw command. ${HELP_LINES}`);
    return;
  }
  if (sub === undefined || sub === 'help') return out(HELP_LINES);
  if (sub === 'hosts') return out(renderHosts(await transport.listHosts()));
  if (sub === 'diagnose') {
    const target = rest[0] ?? host;
    out(`diagnosing ${target}…\n`);
    const { diagnosis } = await transport.requestDiagnosis(
      {
        kind: 'diagnose',
        requestId: `console-${randomUUID()}`,
        host: target,
        replyTo: 'console',
        requestedBy: 'console',
      },
      { onProgress: (p) => p.state === 'done' && out(`  ${p.ok ? '✓' : '✗'} ${p.probe}\n`) },
    );
    return out(renderDiagnosis(diagnosis));
  }
  out(`unknown command "/claw ${sub}". ${HELP_LINES}`);
}

export const devVerb: Verb = {
  name: 'dev',
  summary: 'a console session with the bot: type /claw commands, no chat platform needed',
  help: `Usage: clawops dev

Opens a console session with the bot and a worker for this host. Type /claw commands as in
chat (/claw help lists them). Without REDIS_URL the worker runs in this process; with REDIS_URL
requests go through BullMQ on Redis exactly as in production, and this process also runs the
worker of its own host (CLAWOPS_HOST).
`,
  async run(io) {
    const { values } = parseVerbArgs('dev', io.args, {
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const config = loadConfig(io.env);
    const transport = await openTransport(io, { worker: true });
    io.stdout(
      `clawops console — ${config.host}, ${config.redisUrl ? 'jobs through Redis' : 'in-process worker'}. /claw help lists the commands.\n`,
    );
    const lines = createInterface({ input: io.input, terminal: false });
    io.signal.addEventListener('abort', () => lines.close(), { once: true });
    try {
      for await (const line of lines) {
        if (/^\s*(quit|exit)\s*$/.test(line)) break;
        if (!line.trim()) continue;
        try {
          await handle(line, transport, config.host, io.stdout);
        } catch (err) {
          if (!(err instanceof BotError)) throw err;
          io.stdout(`${err instanceof UserError ? err.message : `internal error: ${err.message}`}\n`);
        }
      }
    } finally {
      lines.close();
      await transport.close();
    }
    return EXIT.ok;
  },
};
