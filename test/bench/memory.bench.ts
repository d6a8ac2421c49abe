/**
 * Resident memory of an idle `clawops bot` (Slack and Discord connected to local fakes, alert
 * consumer running) and an idle `clawops worker` (queue, heartbeats, cooldown watcher following a
 * log file), as real processes on real Redis: VmRSS from /proc after they settle. Writes
 * bench/memory.json.
 */
import { readFileSync, writeFileSync as write } from 'node:fs';
import { join } from 'node:path';
import { CHANNEL_ID, startFakeDiscord } from '../support/fake-discord.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { dropPrefix, freePort, testPrefix, useRedis } from '../support/redis.js';
import { prepareScenario } from '../support/scenario.js';
import { discordBotEnv, slackBotEnv, spawnBot, spawnWorker } from '../support/workers.js';
import { writeBenchResult } from './figures.js';

const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 15_000);
const rssMb = (pid: number): number => {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
};

const redis = await useRedis();
const prefix = testPrefix();
const slack = await startFakeSlack();
const discord = await startFakeDiscord();
const s = await prepareScenario('healthy');
const log = join(s.dir, 'gateway.log');
write(log, '');
const common = { REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix };
const worker = await spawnWorker({ ...s.env, ...common, CLAWOPS_HOST: 'gw-idle', CLAWOPS_GATEWAY_LOG: log });
const bot = await spawnBot(
  {
    PATH: process.env.PATH ?? '',
    ...common,
    ...slackBotEnv(slack, await freePort()),
    ...discordBotEnv(discord),
    CLAWOPS_ALERT_CHANNELS: `slack:C0ALERTS,discord:${CHANNEL_ID}`,
  },
  ['Slack', 'Discord'],
);
await new Promise((r) => setTimeout(r, SETTLE_MS));
const result = {
  settleMs: SETTLE_MS,
  botMb: rssMb(bot.child.pid as number),
  workerMb: rssMb(worker.child.pid as number),
  targets: { botMb: 150, workerMb: 100 },
};
for (const p of [bot, worker]) await p.stop();
await s.stop();
await slack.stop();
await discord.stop();
await dropPrefix(redis.url, prefix);
await redis.stop();

writeBenchResult('memory.json', result);
process.stdout.write(
  [
    `Resident memory after ${SETTLE_MS / 1000} s idle (MB)`,
    '| process | RSS | target |',
    '|---|---|---|',
    `| clawops bot (Slack + Discord + alerts) | ${result.botMb.toFixed(1)} | < 150 |`,
    `| clawops worker (queue + cooldown watcher) | ${result.workerMb.toFixed(1)} | < 100 |`,
    '',
  ].join('\n'),
);
