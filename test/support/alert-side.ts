import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { botVerb } from '../../src/cli/bot-verb.js';
import { workerVerb } from '../../src/cli/worker-verb.js';
import { CHANNEL_ID, type FakeDiscord, startFakeDiscord } from './fake-discord.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { startVerbInProcess } from './in-process-cli.js';
import { dropPrefix, freePort, testPrefix, useRedis } from './redis.js';
import { prepareScenario, type Scenario, type ScenarioOptions } from './scenario.js';
import { BOT_UP, discordBotEnv, slackBotEnv, spawnBot, spawnWorker, WORKER_READY } from './workers.js';

/** The Slack channel alerts go to (Discord's is the fake's CHANNEL_ID). */
export const ALERTS = 'C0ALERTS';

/** A worker or a bot of the alert side, a process or in this process. */
export type SideRunner = {
  /** Everything it wrote to stderr so far (in this process: what the verb wrote, not its logger). */
  stderr(): string;
  /** Asks it to stop (SIGTERM), then its exit code once it has ended. */
  stop(): Promise<number | null>;
};

export type AlertSide = {
  readonly slack: FakeSlack;
  readonly discord: FakeDiscord;
  readonly scenario: Scenario;
  /** The Redis both sides use, and their key prefix. */
  readonly redisUrl: string;
  readonly prefix: string;
  /** The gateway log file the worker follows. */
  readonly log: string;
  /** The first bot's HTTP port (Slack slash commands). */
  readonly port: number;
  readonly host: string;
  readonly bots: readonly SideRunner[];
  worker: SideRunner;
  /** Starts the host's worker again (after `worker.stop()`), with the same settings. */
  restartWorker(): Promise<void>;
};

export type AlertSideOptions = {
  readonly scenario: string;
  readonly host: string;
  readonly scenarioOptions?: ScenarioOptions;
  /** More settings for the worker and for the bots. */
  readonly workerEnv?: Record<string, string>;
  readonly botEnv?: Record<string, string>;
  /** How many bots run side by side, each on both platforms (default 1). */
  readonly bots?: number;
  /**
   * Real `clawops worker` and `clawops bot` processes, for the tests about them (default: both
   * verbs in this process, which has their modules loaded already: the same code, the same
   * settings, without a process's start).
   */
  readonly processes?: boolean;
};

/**
 * A worker watching a captured scenario's gateway (its log file: `log`, empty at first) and bots
 * posting alerts to the fake Slack and Discord, over real Redis; all stopped by `cleanups`.
 */
export async function startAlertSide(
  opts: AlertSideOptions,
  cleanups: (() => Promise<unknown>)[],
): Promise<AlertSide> {
  const redis = await useRedis();
  cleanups.push(() => redis.stop());
  const prefix = testPrefix();
  cleanups.push(() => dropPrefix(redis.url, prefix));
  const slack = await startFakeSlack();
  cleanups.push(() => slack.stop());
  const discord = await startFakeDiscord();
  cleanups.push(() => discord.stop());
  const scenario = await prepareScenario(opts.scenario, opts.scenarioOptions);
  cleanups.push(() => scenario.stop());
  const log = join(scenario.dir, 'gateway.log');
  writeFileSync(log, '');
  const common = { REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix };
  const workerEnv = {
    ...scenario.env,
    ...common,
    CLAWOPS_HOST: opts.host,
    CLAWOPS_GATEWAY_LOG: log,
    CLAWOPS_STATE_POLL_MS: '0',
    // The captured gateways run under no service manager: this is how such a host starts one.
    CLAWOPS_START_COMMAND: `${scenario.env.OPENCLAW_BIN} gateway start --json`,
    ...opts.workerEnv,
  };
  const startWorker = async () => {
    const worker = opts.processes
      ? await spawnWorker(workerEnv)
      : await startVerbInProcess(workerVerb, { CLAWOPS_HEALTH_PORT: '0', ...workerEnv }, WORKER_READY);
    cleanups.push(() => worker.stop());
    await vi.waitFor(() => expect(worker.stderr()).toMatch(/watching for alerts/), { timeout: 30_000 });
    return worker;
  };
  // The worker first: its first state read (which names the log's hashed profile ids) is done
  // by the time the bots are up.
  const worker = await startWorker();
  const ports: number[] = [];
  const bots: SideRunner[] = [];
  for (let i = 0; i < (opts.bots ?? 1); i++) {
    const port = await freePort();
    ports.push(port);
    const botEnv = {
      PATH: process.env.PATH ?? '',
      ...common,
      ...slackBotEnv(slack, port),
      ...discordBotEnv(discord),
      CLAWOPS_ALERT_CHANNELS: `slack:${ALERTS},discord:${CHANNEL_ID}`,
      ...opts.botEnv,
    };
    const platforms = ['Slack', 'Discord'];
    const bot = opts.processes
      ? await spawnBot(botEnv, platforms)
      : await startVerbInProcess(botVerb, { CLAWOPS_HEALTH_PORT: '0', ...botEnv }, BOT_UP(platforms));
    cleanups.push(() => bot.stop());
    bots.push(bot);
  }
  const side: AlertSide = {
    slack,
    discord,
    scenario,
    redisUrl: redis.url,
    prefix,
    log,
    port: ports[0] ?? 0,
    host: opts.host,
    bots,
    worker,
    async restartWorker() {
      side.worker = await startWorker();
    },
  };
  return side;
}

export const text = (v: unknown) => JSON.stringify(v);
export const slackPosts = (s: AlertSide) =>
  s.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === ALERTS);
export const slackEdits = (s: AlertSide) =>
  s.slack.calls.filter((c) => c.method === 'chat.update' && c.args.channel === ALERTS);
export const discordPosts = (s: AlertSide) =>
  s.discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages`);
export const discordEdits = (s: AlertSide) =>
  s.discord.calls.filter(
    (c) => c.method === 'PATCH' && c.path.startsWith(`/channels/${CHANNEL_ID}/messages/`),
  );
export const append = (s: AlertSide, ...lines: string[]) => appendFileSync(s.log, `${lines.join('\n')}\n`);

/** Waits until both platforms show `posts` alert posts and `edits` edits, the last one matching `last`. */
export async function expectAlerts(
  s: AlertSide,
  posts: number,
  edits: number,
  last?: RegExp,
  timeout = 20_000,
) {
  await vi.waitFor(
    () => {
      expect(slackPosts(s)).toHaveLength(posts);
      expect(discordPosts(s)).toHaveLength(posts);
      expect(slackEdits(s)).toHaveLength(edits);
      expect(discordEdits(s)).toHaveLength(edits);
    },
    { timeout, interval: 50 },
  );
  if (last) {
    const slack = edits ? slackEdits(s).at(-1)?.args.blocks : slackPosts(s).at(-1)?.args.blocks;
    const discord = edits ? discordEdits(s).at(-1)?.body : discordPosts(s).at(-1)?.body;
    expect(text(slack)).toMatch(last);
    expect(text(discord)).toMatch(last);
  }
}
