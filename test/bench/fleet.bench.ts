/**
 * Fleet scale: 500 simulated workers on one real Redis (the clawops worker itself,
 * `startBullWorker`, both lanes and heartbeats every 5 s, with a no-op diagnosis, 500 of them in
 * this process) and a real `clawops bot` process on the fake Slack. Measures Redis commands per
 * second at idle (before and after a Diagnose all, as Redis counts them: the commands scripts run
 * count too), `/claw fleet` Diagnose all from the click to each host's row (p50 / p99) and to the
 * last one, the bot's resident memory, and the machine's load average. Writes bench/fleet.json.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { diagnose } from '../../src/engine/diagnose.js';
import type { Diagnosis } from '../../src/engine/diagnosis.js';
import { createLogger } from '../../src/logger.js';
import { type BullWorker, IDLE_WAIT_S, startBullWorker } from '../../src/queue/bull-worker.js';
import { HEARTBEAT_MS } from '../../src/queue/heartbeats.js';
import {
  clickPayload,
  postSigned,
  type SlackCall,
  slashBody,
  startFakeSlack,
} from '../support/fake-slack.js';
import { freePort, startRedisServer, testPrefix } from '../support/redis.js';
import { slackBotEnv, spawnBot } from '../support/workers.js';
import { percentile, writeBenchResult } from './figures.js';

const HOSTS = Number(process.env.BENCH_FLEET_HOSTS ?? 500);
const ROUNDS = Number(process.env.BENCH_FLEET_ROUNDS ?? 3);
/** Long enough for every lane's idle wait to end once, so each periodic command is counted. */
const IDLE_MS = Number(process.env.BENCH_FLEET_IDLE_MS ?? IDLE_WAIT_S * 1000);
const TARGETS = { allAnsweredMs: 5_000, idleCommandsPerS: 500, botMb: 200 };

const READY: Diagnosis = diagnose({
  host: 'bench',
  startedAt: new Date(),
  durationMs: 1,
  probes: [],
  port: { host: '127.0.0.1', port: 18789, state: 'open', detail: 'connected', durationMs: 1 },
  notes: [],
  knownSecrets: [],
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const memory = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024;
  return { rssMb: kb('VmRSS'), peakMb: kb('VmHWM') };
};

/** The machine's 1-minute load average at the start and end: a shared machine's figures say it. */
const loadAtStart = loadavg()[0] ?? Number.NaN;
const redis = await startRedisServer({ durable: false });
const prefix = testPrefix();
const probe = new Redis(redis.url);
const hosts = Array.from({ length: HOSTS }, (_, i) => `gw-${String(i + 1).padStart(3, '0')}`);

/** Calls per command so far, from INFO commandstats. */
async function commandCounts(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const [, name, calls] of (await probe.info('commandstats')).matchAll(/cmdstat_([\w|]+):calls=(\d+)/g))
    out.set(name as string, Number(calls));
  return out;
}

/**
 * Redis commands per second over `ms` as Redis counts them (INFO commandstats: every command a
 * script runs counts, besides the script call itself), in all and the busiest, not counting the
 * INFO calls measuring it.
 */
async function commandsPerS(ms: number): Promise<{ total: number; top: Record<string, number> }> {
  const before = await commandCounts();
  await sleep(ms);
  const after = await commandCounts();
  after.set('info', (after.get('info') ?? 0) - 1);
  const rates = [...after].map(([name, n]) => [name, ((n - (before.get(name) ?? 0)) * 1000) / ms] as const);
  const total = rates.reduce((sum, [, r]) => sum + r, 0);
  const top = rates.sort((a, b) => b[1] - a[1]).slice(0, 6);
  return { total, top: Object.fromEntries(top.map(([name, r]) => [name, Math.round(r * 10) / 10])) };
}
const clients = async () => Number(/connected_clients:(\d+)/.exec(await probe.info('clients'))?.[1]);

const log = createLogger('warn');
const workers: BullWorker[] = [];
for (const host of hosts) {
  workers.push(
    await startBullWorker({
      redisUrl: redis.url,
      prefix,
      host,
      runner: async () => ({ ...READY, host }),
      clawopsVersion: 'bench',
      lockMs: 30_000,
      stopGraceMs: 1_000,
      log,
    }),
  );
  // Started over one heartbeat interval, as workers started at different times are.
  await sleep(HEARTBEAT_MS / HOSTS);
}

const slack = await startFakeSlack();
const port = await freePort();
const bot = await spawnBot(
  {
    PATH: process.env.PATH ?? '',
    REDIS_URL: redis.url,
    CLAWOPS_REDIS_PREFIX: prefix,
    CLAWOPS_LOG_LEVEL: 'warn',
    ...slackBotEnv(slack, port),
  },
  ['Slack'],
);
/** Stops the bot, the workers and the servers, also when a round fails (nothing outlives the bench). */
async function stopAll(): Promise<void> {
  await bot.stop();
  await Promise.all(workers.map((w) => w.close()));
  await slack.stop();
  probe.disconnect();
  await redis.stop();
}
const events = `http://127.0.0.1:${port}/slack/events`;
const post = (body: Record<string, string>) => postSigned(events, new URLSearchParams(body).toString());

process.stdout.write(`${HOSTS} workers and the bot up; ${await clients()} Redis connections. Idle…\n`);
await sleep(5_000);
const idleBefore = await commandsPerS(IDLE_MS);

type Actions = { type: string; elements?: { value: string }[] }[];
const buttonOf = (c: SlackCall) =>
  (c.args.blocks as Actions).find((b) => b.type === 'actions')?.elements?.[0]?.value ?? '';
const doneOf = (c: SlackCall) => {
  const m = /Diagnose all (\d+)\/(\d+)/.exec(JSON.stringify(c.args.blocks ?? []));
  return m ? { done: Number(m[1]), total: Number(m[2]) } : null;
};

await post(slashBody(slack, 'fleet'));
const fleet = await slack.waitFor(
  (c) => c.method === 'chat.postMessage' && JSON.stringify(c.args.blocks).includes(`Fleet: ${HOSTS} hosts`),
  30_000,
);
const ts = fleet.ts as string;
let button = buttonOf(fleet);
const rounds: { lastRowMs: number; rowMs: number[]; edits: number }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const seen = slack.calls.length;
  const t0 = Date.now();
  await post({ payload: JSON.stringify(clickPayload(slack, button, ts, 'U0BOB', 'claw-btn-edit-0')) });
  const last = await slack
    .waitFor(
      (c) =>
        slack.calls.indexOf(c) >= seen &&
        c.method === 'chat.update' &&
        doneOf(c)?.done === HOSTS &&
        c.args.blocks !== undefined &&
        buttonOf(c) !== '',
      120_000,
    )
    .catch(async (err: unknown) => {
      const lastEdit = JSON.stringify(slack.calls.at(-1)?.args.blocks ?? []).slice(0, 1500);
      await stopAll();
      throw new Error(
        `${String(err)}\nlast edit: ${lastEdit}\nclawops bot said:\n${bot.stderr().slice(-3000)}`,
      );
    });
  // Each host's row counts from the first edit that shows it answered.
  const rowMs: number[] = [];
  const edits = slack.calls.slice(seen).filter((c) => c.method === 'chat.update' && c.args.ts === ts);
  for (const c of edits) {
    const d = doneOf(c)?.done ?? 0;
    while (rowMs.length < d) rowMs.push(c.at - t0);
  }
  rounds.push({ lastRowMs: last.at - t0, rowMs, edits: edits.length });
  button = buttonOf(last);
  process.stdout.write(`round ${round + 1}: last row after ${last.at - t0} ms, ${edits.length} edits\n`);
}
const connections = await clients();
await sleep(5_000);
const idleAfter = await commandsPerS(IDLE_MS);
const botMemory = memory(bot.child.pid as number);

await stopAll();

const rows = rounds.flatMap((r) => r.rowMs);
const result = {
  hosts: HOSTS,
  rounds: rounds.map((r) => ({
    lastRowMs: r.lastRowMs,
    p50: percentile(r.rowMs, 50),
    p99: percentile(r.rowMs, 99),
    edits: r.edits,
  })),
  rowMs: { p50: percentile(rows, 50), p99: percentile(rows, 99) },
  lastRowMs: Math.max(...rounds.map((r) => r.lastRowMs)),
  idleCommandsPerS: { beforeDiagnoseAll: idleBefore, afterDiagnoseAll: idleAfter },
  redisConnections: connections,
  bot: botMemory,
  loadAverage: { start: loadAtStart, end: loadavg()[0] ?? Number.NaN },
  targets: TARGETS,
};
writeBenchResult('fleet.json', result);
const f = (x: number) => x.toFixed(0);
const busiest = (top: Record<string, number>) =>
  Object.entries(top)
    .map(([c, r]) => `${c} ${r}`)
    .join(', ');
process.stdout.write(
  [
    `Fleet of ${HOSTS} simulated workers, ${ROUNDS} × Diagnose all`,
    '| figure | value | target |',
    '|---|---|---|',
    `| click → host's row, p50 / p99 | ${f(result.rowMs.p50)} / ${f(result.rowMs.p99)} ms | - |`,
    `| click → last row (slowest round) | ${f(result.lastRowMs)} ms | < ${TARGETS.allAnsweredMs} ms |`,
    `| Redis commands/s idle, before / after Diagnose all | ${f(idleBefore.total)} / ${f(idleAfter.total)} | < ${TARGETS.idleCommandsPerS} |`,
    `| busiest commands/s idle, before | ${busiest(idleBefore.top)} | - |`,
    `| busiest commands/s idle, after | ${busiest(idleAfter.top)} | - |`,
    `| Redis connections | ${connections} | - |`,
    `| bot RSS after, peak | ${f(botMemory.rssMb)} MB, ${f(botMemory.peakMb)} MB | < ${TARGETS.botMb} MB |`,
    `| load average (1 min) at start / end | ${result.loadAverage.start.toFixed(1)} / ${result.loadAverage.end.toFixed(1)} | - |`,
    '',
  ].join('\n'),
);
