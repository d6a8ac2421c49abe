#!/usr/bin/env node
import { BotError, UserError } from '../core/errors.js';
import { createRedactor } from '../engine/redact.js';
import { secretsInEnv } from '../engine/secrets.js';
import { type CliIo, EXIT, type Verb } from './io.js';
import { clawopsVersion } from './version.js';

/**
 * Each verb's module is loaded only when it runs: a worker on a gateway host never loads the
 * chat SDKs, and a one-shot diagnosis never loads BullMQ.
 */
const VERBS: readonly (readonly [string, () => Promise<Verb>])[] = [
  ['diagnose', () => import('./diagnose-verb.js').then((m) => m.diagnoseVerb)],
  ['explain', () => import('./explain-verb.js').then((m) => m.explainVerb)],
  ['cooldown', () => import('./cooldown-verb.js').then((m) => m.cooldownVerb)],
  ['dev', () => import('./dev-verb.js').then((m) => m.devVerb)],
  ['bot', () => import('./bot-verb.js').then((m) => m.botVerb)],
  ['worker', () => import('./worker-verb.js').then((m) => m.workerVerb)],
  ['hosts', () => import('./hosts-verb.js').then((m) => m.hostsVerb)],
  ['config', () => import('./config-verb.js').then((m) => m.configVerb)],
];

async function usage(): Promise<string> {
  const verbs = await Promise.all(VERBS.map(([, load]) => load()));
  const width = Math.max(...verbs.map((v) => v.name.length));
  return `clawops — chat-ops for OpenClaw gateways: which Anthropic-route failure, and who owns the fix.

Usage: clawops <command> [options]

Commands:
${verbs.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`).join('\n')}

Run \`clawops <command> --help\` for a command's options. \`clawops --version\` prints the version.
`;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The one place where errors become messages and exit codes. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? write(process.stderr) : write(process.stdout))(await usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${clawopsVersion()}\n`);
    return EXIT.ok;
  }
  const load = VERBS.find(([verbName]) => verbName === name)?.[1];
  if (!load) {
    process.stderr.write(
      `clawops: unknown command "${name}". Commands: ${VERBS.map(([verbName]) => verbName).join(', ')}.\nRun \`clawops --help\` for usage.\n`,
    );
    return EXIT.usage;
  }
  const verb = await load();
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const io: CliIo = {
    args,
    env: process.env,
    stdout: write(process.stdout),
    stderr: write(process.stderr),
    readStdin,
    input: process.stdin,
    isTty: process.stdout.isTTY === true && !process.env.NO_COLOR,
    signal: abort.signal,
  };
  try {
    return await verb.run(io);
  } catch (err) {
    const redact = createRedactor(secretsInEnv(process.env)).redact;
    if (err instanceof UserError) process.stderr.write(`clawops ${verb.name}: ${redact(err.message)}\n`);
    else {
      const detail = err instanceof BotError || err instanceof Error ? err.message : String(err);
      process.stderr.write(`clawops ${verb.name}: internal error: ${redact(detail)}\n`);
    }
    return EXIT.usage;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

process.exitCode = await main(process.argv.slice(2));
