import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Queue } from 'bullmq';
import { createLogger } from '../../src/logger.js';
import { type BullWorker, startBullWorker } from '../../src/queue/bull-worker.js';
import { queueName } from '../../src/queue/keys.js';
import { createDiagnosisRunner } from '../../src/worker/diagnosis-runner.js';
import { APP_ID, type FakeDiscord, GUILD_ID, TOKEN } from './fake-discord.js';
import { type FakeSlack, SIGNING_SECRET } from './fake-slack.js';
import { CLI, prepareScenario, type Scenario, type ScenarioOptions } from './scenario.js';

export type TestHost = { readonly host: string; readonly scenario: Scenario; readonly worker: BullWorker };

/**
 * A gateway host for queue tests: a captured scenario laid out by `prepareScenario` and a real
 * BullMQ worker in this process whose runner probes it through the fake `openclaw`.
 */
export async function startHost(
  redisUrl: string,
  prefix: string,
  host: string,
  capture: string,
  opts: ScenarioOptions & { lockMs?: number } = {},
): Promise<TestHost> {
  const scenario = await prepareScenario(capture, opts);
  const runner = createDiagnosisRunner({
    host,
    bin: scenario.env.OPENCLAW_BIN as string,
    env: scenario.env,
    log: createLogger('silent'),
  });
  const worker = await startBullWorker({
    redisUrl,
    prefix,
    host,
    runner,
    clawopsVersion: 'test',
    lockMs: opts.lockMs ?? 30_000,
    stopGraceMs: 5_000,
    log: createLogger('silent'),
  });
  return { host, scenario, worker };
}

export async function stopHosts(hosts: readonly TestHost[]): Promise<void> {
  await Promise.all(hosts.map((h) => h.worker.close()));
  await Promise.all(hosts.map((h) => h.scenario.stop()));
}

/** How many `openclaw models status --json` a host ran: one per probe set. */
export const probeRuns = (h: TestHost): number =>
  h.scenario.calls().filter((c) => c.args.join(' ') === 'models status --json').length;

/** Every job ever queued for a host (any state), read straight from BullMQ. */
export async function jobsOf(redisUrl: string, prefix: string, host: string) {
  const queue = new Queue(queueName(host), { connection: { url: redisUrl }, prefix });
  try {
    return await queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed', 'paused']);
  } finally {
    await queue.close();
  }
}

export type WorkerProcess = {
  readonly child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;
  /** The port of its `/healthz` and `/metrics` (it says so on stderr). */
  healthPort(): number;
  /** SIGTERM, then its exit code once it has ended. */
  stop(): Promise<number | null>;
};

const stopper = (child: ChildProcess, exited: Promise<number | null>) => (): Promise<number | null> => {
  child.kill('SIGTERM');
  return exited;
};

/** A `clawops bot`'s Slack settings against the fake Slack, HTTP mode on `port`. */
export const slackBotEnv = (fake: FakeSlack, port: number): Record<string, string> => ({
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: fake.apiUrl,
  CLAWOPS_HTTP_PORT: String(port),
});

/** A `clawops bot`'s Discord settings against the fake Discord. */
export const discordBotEnv = (fake: FakeDiscord): Record<string, string> => ({
  DISCORD_TOKEN: TOKEN,
  DISCORD_APPLICATION_ID: APP_ID,
  DISCORD_GUILD_ID: GUILD_ID,
  DISCORD_API_URL: fake.restApi,
});

/** What a `clawops worker` writes to stderr once it takes jobs. */
export const WORKER_READY = (stderr: string): boolean => stderr.includes(': ready,');
/** What a `clawops bot` has written to stderr once each of `platforms` is up. */
export const BOT_UP =
  (platforms: readonly string[]) =>
  (stderr: string): boolean =>
    platforms.every((p) => stderr.includes(`clawops bot: ${p} `));

/** Runs the built `clawops worker` as a real process and waits until it says it is ready. */
export async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  // Any free port for /healthz, so workers side by side do not collide on the default.
  const child = spawn(process.execPath, [CLI, 'worker'], {
    env: { CLAWOPS_HEALTH_PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (WORKER_READY(err)) resolve();
    });
    void exited.then((code) =>
      reject(new Error(`clawops worker exited ${code} before it was ready:\n${err}`)),
    );
  });
  await ready;
  return {
    child,
    stderr: () => err,
    exited,
    healthPort: () => healthPort(err),
    stop: stopper(child, exited),
  };
}

/** The port a process said its `/healthz` and `/metrics` are on. */
const healthPort = (stderr: string): number => {
  const port = /\/healthz and \/metrics on port (\d+)/.exec(stderr)?.[1];
  if (!port) throw new Error(`no health port in:\n${stderr}`);
  return Number(port);
};

/** Runs the built `clawops bot` as a real process and waits until every platform it enables is up. */
export async function spawnBot(
  env: Record<string, string>,
  platforms: readonly string[],
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [CLI, 'bot'], {
    env: { CLAWOPS_HEALTH_PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (BOT_UP(platforms)(err)) resolve();
    });
    void exited.then((code) => reject(new Error(`clawops bot exited ${code} before it was up:\n${err}`)));
  });
  return {
    child,
    stderr: () => err,
    exited,
    healthPort: () => healthPort(err),
    stop: stopper(child, exited),
  };
}
