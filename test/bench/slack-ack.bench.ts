import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { commands } from '../../commands/index.js';
import { createMemoryActionStore } from '../../src/core/action-store.js';
import { createRegistry } from '../../src/core/registry.js';
import { createMemoryTransport } from '../../src/worker/memory-transport.js';
import { diagnosisFor } from '../support/diagnoses.js';
import { postSigned, SIGNING_SECRET, slashBody, startFakeSlack } from '../support/fake-slack.js';
import { memoryFixPolicy } from '../support/fix-policy.js';
import { percentile, writeBenchResult } from './figures.js';

const CONCURRENT = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);

async function measure(url: string, fake: Awaited<ReturnType<typeof startFakeSlack>>): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const forms = Array.from({ length: CONCURRENT }, () =>
      new URLSearchParams(slashBody(fake, 'diagnose gw-1')).toString(),
    );
    const results = await Promise.all(forms.map((f) => postSigned(url, f)));
    if (results.some((x) => x.status !== 200))
      throw new Error(`non-200 ack: ${results.map((x) => x.status).join(',')}`);
    if (r > 0) out.push(...results.map((x) => x.ms)); // round 0 warms up
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return out;
}

const fake = await startFakeSlack();
const transport = createMemoryTransport({
  host: 'gw-1',
  clawopsVersion: 'bench',
  runner: () => new Promise((resolve) => setTimeout(() => resolve(diagnosisFor('invalid_key')), 200)),
});
const deps = {
  registry: createRegistry(commands),
  transport,
  actions: createMemoryActionStore(),
  fixes: memoryFixPolicy(),
  access: { channels: [], users: [] },
};
const adapter = createSlackAdapter({
  botToken: 'xoxb-bench',
  signingSecret: SIGNING_SECRET,
  apiUrl: fake.apiUrl,
  deps,
  logLevel: LogLevel.ERROR,
});
const port = await adapter.start(0);
const claw = await measure(`http://127.0.0.1:${port}/slack/events`, fake);
await adapter.stop();

const bare = new App({
  token: 'xoxb-bench',
  receiver: new HTTPReceiver({ signingSecret: SIGNING_SECRET }),
  clientOptions: { slackApiUrl: fake.apiUrl },
  logLevel: LogLevel.ERROR,
});
bare.command('/claw', async ({ ack }) => ack());
const server = (await bare.start({ port: 0, host: '127.0.0.1' })) as unknown as Server;
const barePort = (server.address() as { port: number }).port;
const bareMs = await measure(`http://127.0.0.1:${barePort}/slack/events`, fake);
await bare.stop();
await transport.close();
await fake.stop();

const result = {
  concurrent: CONCURRENT,
  samples: claw.length,
  clawops: { p50: percentile(claw, 50), p99: percentile(claw, 99) },
  bareBolt: { p50: percentile(bareMs, 50), p99: percentile(bareMs, 99) },
  ratioP99: percentile(claw, 99) / percentile(bareMs, 99),
};
writeBenchResult('slack-ack.json', result);
const f = (x: number) => x.toFixed(1);
process.stdout.write(
  [
    `Slack ack latency, ${CONCURRENT} concurrent signed slash commands × ${ROUNDS} rounds (ms)`,
    '| app | p50 | p99 |',
    '|---|---|---|',
    `| clawops Slack adapter | ${f(result.clawops.p50)} | ${f(result.clawops.p99)} |`,
    `| bare Bolt, ack only | ${f(result.bareBolt.p50)} | ${f(result.bareBolt.p99)} |`,
    `p99 ratio ${result.ratioP99.toFixed(2)}`,
    '',
  ].join('\n'),
);
