import { Client, GatewayIntentBits } from 'discord.js';
import { createDiscordAdapter } from '../../adapters/discord/index.js';
import { commands } from '../../commands/index.js';
import { createMemoryActionStore } from '../../src/core/action-store.js';
import { createRegistry } from '../../src/core/registry.js';
import { createMemoryTransport } from '../../src/worker/memory-transport.js';
import { diagnosisFor } from '../support/diagnoses.js';
import { APP_ID, type FakeDiscord, GUILD_ID, startFakeDiscord, TOKEN } from '../support/fake-discord.js';
import { memoryFixPolicy } from '../support/fix-policy.js';
import { percentile, writeBenchResult } from './figures.js';

const CONCURRENT = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);

async function measure(fake: FakeDiscord): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const sent = await Promise.all(
      Array.from({ length: CONCURRENT }, () => fake.slash('diagnose', { host: 'gw-1' })),
    );
    const at = new Map(sent.map((s) => [s.id, Date.now()]));
    const deferred = await Promise.all(
      sent.map((s) => fake.waitFor((c) => c.path.startsWith(`/interactions/${s.id}/`), 15_000)),
    );
    if (r > 0) out.push(...deferred.map((c, i) => c.at - (at.get(sent[i]?.id ?? '') ?? c.at)));
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  return out;
}

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

const fake = await startFakeDiscord();
const adapter = createDiscordAdapter({
  token: TOKEN,
  applicationId: APP_ID,
  guildId: GUILD_ID,
  apiUrl: fake.restApi,
  deps,
});
await adapter.start();
const claw = await measure(fake);
await adapter.stop();
await fake.stop();

const fake2 = await startFakeDiscord();
const bare = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake2.restApi, retries: 0 } });
bare.on('interactionCreate', (i) => {
  if (i.isChatInputCommand()) void i.deferReply().catch(() => {});
});
const ready = new Promise((r) => bare.once('clientReady', r));
await bare.login(TOKEN);
await ready;
const bareMs = await measure(fake2);
await bare.destroy();
await fake2.stop();
await transport.close();

const result = {
  concurrent: CONCURRENT,
  samples: claw.length,
  clawops: { p50: percentile(claw, 50), p99: percentile(claw, 99) },
  bareDiscordJs: { p50: percentile(bareMs, 50), p99: percentile(bareMs, 99) },
  ratioP99: percentile(claw, 99) / percentile(bareMs, 99),
};
writeBenchResult('discord-slash.json', result);
const f = (x: number) => x.toFixed(1);
process.stdout.write(
  [
    `Discord slash round trip to deferral, ${CONCURRENT} concurrent interactions × ${ROUNDS} rounds (ms)`,
    '| app | p50 | p99 |',
    '|---|---|---|',
    `| clawops Discord adapter | ${f(result.clawops.p50)} | ${f(result.clawops.p99)} |`,
    `| bare discord.js, defer only | ${f(result.bareDiscordJs.p50)} | ${f(result.bareDiscordJs.p99)} |`,
    `p99 ratio ${result.ratioP99.toFixed(2)}`,
    '',
  ].join('\n'),
);
process.exit(0);
