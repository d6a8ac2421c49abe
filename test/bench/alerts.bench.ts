/**
 * Alert latency: from a cooldown line written to the gateway's log file to the alert posted on
 * a fake Slack, through the real parts: the worker's watcher following the file, BullMQ on real
 * Redis, the bot's alert consumer and the real Bolt WebClient. Each episode opens with one line
 * and ends with another. Next to it, the same pipeline with a follower that only polls every
 * second, as `openclaw logs --follow` does. Writes bench/alerts.json.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { commands } from '../../commands/index.js';
import { createMemoryActionStore } from '../../src/core/action-store.js';
import { createAlertDelivery, createMemoryAlertRefs } from '../../src/core/alert-delivery.js';
import { createRegistry } from '../../src/core/registry.js';
import { createLogger } from '../../src/logger.js';
import { createAlertPublisher, startAlertConsumer } from '../../src/queue/alerts.js';
import { startCooldownWatcher } from '../../src/worker/cooldown-watcher.js';
import { createMemoryTransport } from '../../src/worker/memory-transport.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { memoryFixPolicy } from '../support/fix-policy.js';
import { capturedLine, lineAt } from '../support/log-lines.js';
import { dropPrefix, testPrefix, useRedis } from '../support/redis.js';
import { percentile, writeBenchResult } from './figures.js';

const EPISODES = Number(process.env.BENCH_EPISODES ?? 200);
const POLLING_EPISODES = Number(process.env.BENCH_POLLING_EPISODES ?? 30);
const COOLDOWN = capturedLine('cooldown', '"auth_profile_failure_state_updated"');
const SUCCESS = capturedLine('cooldown', '"candidate_succeeded"');

const redis = await useRedis();
const fake = await startFakeSlack();
const log = createLogger('silent');
const transport = createMemoryTransport({
  host: 'gw-1',
  clawopsVersion: 'bench',
  runner: () => Promise.reject(),
});
const actions = createMemoryActionStore();
const slack = createSlackAdapter({
  botToken: 'xoxb-bench',
  signingSecret: 'unused',
  apiUrl: fake.apiUrl,
  deps: {
    registry: createRegistry(commands),
    transport,
    actions,
    fixes: memoryFixPolicy(),
    access: { channels: [], users: [] },
  },
  logLevel: LogLevel.ERROR,
});

/** Runs `episodes` episodes one after another; returns each line-to-post latency in ms. */
async function measure(episodes: number, follower: { pollMs: number; notify: boolean }): Promise<number[]> {
  const prefix = testPrefix();
  const dir = mkdtempSync(join(tmpdir(), 'clawops-bench-alerts-'));
  const file = join(dir, 'gateway.log');
  writeFileSync(file, '');
  const publisher = createAlertPublisher({ redisUrl: redis.url, prefix, host: 'gw-1' });
  const channel = `C${prefix.slice(-8).toUpperCase()}`;
  const consumer = startAlertConsumer({
    redisUrl: redis.url,
    prefix,
    log,
    deliver: createAlertDelivery({
      routes: () => [{ platform: 'slack', channel }],
      sinks: { slack: slack.alerts },
      refs: createMemoryAlertRefs(),
      actions,
    }),
  });
  const watcher = startCooldownWatcher({
    host: 'gw-1',
    instance: 'default',
    quietMs: 0,
    statePollMs: 0,
    logFile: file,
    readState: async () => null,
    followCli: async () => null,
    saved: [],
    publish: (changed, report) => publisher.publish(changed, report),
    log,
    filePollMs: follower.pollMs,
    fileNotify: follower.notify,
  });
  const calls = (method: string) =>
    fake.calls.filter((c) => c.method === method && c.args.channel === channel);
  const until = async (test: () => boolean) => {
    while (!test()) await new Promise((r) => setTimeout(r, 2));
  };
  const out: number[] = [];
  for (let i = 0; i < episodes; i++) {
    const posts = calls('chat.postMessage').length;
    const edits = calls('chat.update').length;
    const written = Date.now();
    appendFileSync(file, `${lineAt(COOLDOWN, written)}\n`);
    await until(() => calls('chat.postMessage').length > posts);
    out.push((calls('chat.postMessage').at(-1)?.at ?? Number.NaN) - written);
    appendFileSync(file, `${lineAt(SUCCESS, Date.now())}\n`);
    await until(() => calls('chat.update').length > edits);
    // A random pause over one poll period, so lines do not fall into step with the polls.
    await new Promise((r) => setTimeout(r, Math.random() * follower.pollMs));
  }
  await watcher.close();
  await consumer.close();
  await publisher.close();
  await dropPrefix(redis.url, prefix);
  rmSync(dir, { recursive: true, force: true });
  return out;
}

const clawops = await measure(EPISODES, { pollMs: 250, notify: true });
const polling = await measure(POLLING_EPISODES, { pollMs: 1_000, notify: false });
await transport.close();
await fake.stop();
await redis.stop();

const result = {
  episodes: clawops.length,
  clawops: { p50: percentile(clawops, 50), p99: percentile(clawops, 99), max: Math.max(...clawops) },
  polling1s: {
    episodes: polling.length,
    p50: percentile(polling, 50),
    p99: percentile(polling, 99),
    max: Math.max(...polling),
  },
  ratioP99: percentile(clawops, 99) / percentile(polling, 99),
  targetP99Ms: 1_000,
};
writeBenchResult('alerts.json', result);
const f = (x: number) => x.toFixed(1);
process.stdout.write(
  [
    'Alert latency: cooldown line written to the log file → alert posted on the fake Slack (ms)',
    '| follower | episodes | p50 | p99 |',
    '|---|---|---|---|',
    `| clawops (file notifications + 250 ms poll) | ${clawops.length} | ${f(result.clawops.p50)} | ${f(result.clawops.p99)} |`,
    `| 1 s polling, like openclaw logs --follow | ${polling.length} | ${f(result.polling1s.p50)} | ${f(result.polling1s.p99)} |`,
    `p99 ratio ${result.ratioP99.toFixed(2)} (target: clawops p99 under 1000 ms)`,
    '',
  ].join('\n'),
);
