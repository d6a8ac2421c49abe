/**
 * End to end against the real OpenClaw 2026.9.6: per scenario a fake Anthropic API, a real
 * gateway in a private network, mount and pid namespace, one or two real agent turns, then
 * `clawops diagnose --json` with OPENCLAW_BIN on the real CLI (test/e2e/scenario.sh). The
 * scenarios run side by side; the verdict of each is compared with the lab's expectation and
 * with what the same scenario's captured fixture gives.
 *
 * Some scenarios also run a real `clawops worker` beside their gateway, and a flow through the
 * real `clawops bot` (Slack HTTP mode, the fake Slack, the test's Redis) once their diagnosis is
 * done: `/claw diagnose` in chat, an approved restart and start of the real gateway, and the
 * cooldown alert of a real gateway (test/e2e/flows.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Diagnosis, DiagnosisSchema } from '../../src/engine/diagnosis.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { dropPrefix, freePort, testPrefix, useRedis } from '../support/redis.js';
import { prepareScenario, ROOT, runClawops } from '../support/scenario.js';
import { slackBotEnv, spawnBot } from '../support/workers.js';
import { ALERT_CHANNEL, type Chat, type ChatVerdict, controller, type Held } from './chat-flows.js';
import { type CooldownFlow, FLOWS, type FlowName, type RestartFlow, type StartFlow } from './flows.js';

type Case = { scenario: string; label: string; cause?: string; fixture?: string; flow?: FlowName };

/** The long ones first, so that the short ones fill the time beside them. */
const ALL_CASES: readonly Case[] = [
  { scenario: 'restart', label: 'invalid_key', flow: 'restart' },
  { scenario: 'cooldown_429', label: 'rate_limited', flow: 'cooldown' },
  { scenario: 'healthy', label: 'healthy', fixture: 'healthy', flow: 'chat' },
  { scenario: 'invalid_key', label: 'invalid_key', fixture: 'invalid_key_401', flow: 'chat' },
  { scenario: 'gateway_down', label: 'gateway_down', fixture: 'gateway_down', flow: 'start' },
  { scenario: 'cooldown', label: 'cooldown', cause: 'billing' },
  { scenario: 'missing_auth', label: 'missing_auth', fixture: 'missing_auth' },
  { scenario: 'gateway_client_auth', label: 'gateway_client_auth', fixture: 'gateway_client_auth' },
  { scenario: 'env_override', label: 'env_override', fixture: 'env_override' },
];
/** CLAWOPS_E2E_ONLY=restart,healthy runs only those scenarios (while working on one). */
const only = (process.env.CLAWOPS_E2E_ONLY ?? '').split(',').filter(Boolean);
const CASES = only.length ? ALL_CASES.filter((c) => only.includes(c.scenario)) : ALL_CASES;

/** Scenarios at once: each runs a gateway and a CLI that want most of a core for a while. */
const CONCURRENCY = Number(process.env.CLAWOPS_E2E_CONCURRENCY ?? 3);

type Outcome = {
  diagnosis: Diagnosis | null;
  timings: Record<string, number>;
  error?: string;
  console: string;
  /** What the scenario's chat flow found, or why it failed; its wall time. */
  flow?: { result?: unknown; error?: string; seconds: number };
};

const running = new Set<ChildProcess>();
const outcomes = new Map<string, Outcome>();
let runDir = '';
let chat: Chat | null = null;
let redisTarget = '';
let prefix = '';
const stops: (() => Promise<unknown>)[] = [];

function readTimings(dir: string): Record<string, number> {
  const file = join(dir, 'timings.tsv');
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'))
      .map(([name, seconds]) => [name as string, Number(seconds)]),
  );
}

/** Waits until the scenario has its diagnosis and takes requests, or has ended. */
async function held(dir: string, child: ChildProcess): Promise<boolean> {
  while (child.exitCode === null && child.signalCode === null) {
    if (existsSync(join(dir, 'diagnosed'))) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function runFlow(c: Case, dir: string, child: ChildProcess): Promise<Outcome['flow']> {
  let started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    if (!c.flow || !chat) return undefined;
    if (!(await held(dir, child))) return { error: 'the scenario ended before its diagnosis', seconds: 0 };
    started = performance.now();
    const h: Held = { dir, host: `e2e-${c.scenario}`, ctl: controller(dir) };
    return { result: await FLOWS[c.flow](chat, h), seconds: seconds() };
  } catch (err) {
    return { error: String(err), seconds: seconds() };
  } finally {
    writeFileSync(join(dir, 'release'), '');
  }
}

async function runScenario(c: Case, cache: string): Promise<Outcome> {
  const dir = join(runDir, c.scenario);
  mkdirSync(dir, { recursive: true });
  const withChat = c.flow ? { CLAWOPS_E2E_REDIS: redisTarget, CLAWOPS_E2E_PREFIX: prefix } : {};
  const child = spawn('bash', [join(ROOT, 'test/e2e/scenario.sh'), c.scenario, dir], {
    env: { ...process.env, CLAWOPS_E2E_CACHE: cache, CLAWOPS_NODE: process.execPath, ...withChat },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let console = '';
  child.stdout?.on('data', (b: Buffer) => (console += b.toString()));
  child.stderr?.on('data', (b: Buffer) => {
    console += b.toString();
    process.stderr.write(b);
  });
  const exit = once(child, 'exit') as Promise<[number | null]>;
  const flow = await runFlow(c, dir, child);
  const [code] = await exit;
  running.delete(child);
  const file = join(dir, 'diagnosis.json');
  const timings = readTimings(dir);
  const base = { timings, console, ...(flow ? { flow } : {}) };
  if (!existsSync(file))
    return { ...base, diagnosis: null, error: `scenario.sh exited ${code} without a diagnosis` };
  try {
    return { ...base, diagnosis: DiagnosisSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) };
  } catch (err) {
    return { ...base, diagnosis: null, error: `diagnosis.json: ${String(err)}` };
  }
}

/** The real bot in Slack HTTP mode against the fake Slack, on a Redis the scenarios reach too. */
async function startChat(): Promise<void> {
  const redis = await useRedis();
  stops.push(() => redis.stop());
  prefix = testPrefix();
  stops.push(() => dropPrefix(redis.url, prefix));
  redisTarget = new URL(redis.url).host;
  const fake = await startFakeSlack();
  stops.push(() => fake.stop());
  const port = await freePort();
  const bot = await spawnBot(
    {
      PATH: process.env.PATH ?? '',
      REDIS_URL: redis.url,
      CLAWOPS_REDIS_PREFIX: prefix,
      ...slackBotEnv(fake, port),
      CLAWOPS_APPROVERS: 'U0BOB',
      CLAWOPS_ALERT_CHANNELS: `e2e-cooldown_429=slack:${ALERT_CHANNEL}`,
    },
    ['Slack'],
  );
  stops.push(() => bot.stop());
  chat = { fake, url: `http://127.0.0.1:${port}/slack/events` };
}

/** What the scenarios need from the machine, checked up front for a clear message. */
async function checkMachine(): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'npm run test:e2e needs root: each scenario runs in its own network, mount and pid namespace (unshare)',
    );
  }
  for (const tool of ['unshare', 'ip', 'ss', 'pgrep', 'pkill', 'timeout']) {
    const found = await execa('sh', ['-c', `command -v ${tool}`], { reject: false });
    if (found.exitCode !== 0)
      throw new Error(
        `npm run test:e2e needs \`${tool}\` on PATH (Debian: util-linux, iproute2, procps, coreutils)`,
      );
  }
}

beforeAll(async () => {
  await checkMachine();
  const install = await execa('bash', [join(ROOT, 'test/e2e/install.sh')], {
    stderr: 'inherit',
    timeout: 40 * 60_000,
  });
  const cache = install.stdout.trim().split('\n').at(-1) as string;
  runDir = join(cache, 'runs', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(runDir, { recursive: true });
  if (CASES.some((c) => c.flow)) await startChat();
  const queue = [...CASES];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) outcomes.set(c.scenario, await runScenario(c, cache));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  printTimes();
});

afterAll(async () => {
  // Whatever failed: no scenario outlives the run (each cleans up by pid; this stops the rest).
  for (const child of running) child.kill('SIGTERM');
  await Promise.all([...running].map((c) => once(c, 'exit')));
  for (const stop of stops.reverse()) await stop().catch(() => {});
  if (process.env.CLAWOPS_E2E_KEEP !== '1' && runDir) rmSync(runDir, { recursive: true, force: true });
});

function printTimes(): void {
  const rows = CASES.map(({ scenario }) => {
    const o = outcomes.get(scenario);
    const d = o?.diagnosis;
    const probes = d?.probes.map((p) => `${p.name} ${(p.durationMs / 1000).toFixed(1)}`).join(', ') ?? '-';
    const runbook = [
      'runbook_status',
      'runbook_gateway_status',
      'runbook_logs',
      'runbook_doctor',
      'runbook_models_status',
    ]
      .map((k) => o?.timings[k])
      .filter((t): t is number => t !== undefined);
    const runbookS = runbook.length === 5 ? runbook.reduce((a, b) => a + b, 0).toFixed(1) : '-';
    return `| ${scenario} | ${d?.verdict.label ?? o?.error ?? '?'}${d?.verdict.cause ? ` (${d.verdict.cause})` : ''} | ${o?.timings.clawops_diagnose?.toFixed(1) ?? '-'} | ${((d?.durationMs ?? 0) / 1000).toFixed(1)} | ${probes} | ${runbookS} |`;
  });
  const flows = CASES.filter((c) => c.flow).map(({ scenario, flow }) => {
    const f = outcomes.get(scenario)?.flow;
    return `| ${flow} | ${scenario} | ${f ? (f.error ? 'failed' : 'done') : 'not run'} | ${f?.seconds.toFixed(1) ?? '-'} |`;
  });
  process.stdout.write(
    [
      '',
      "chat flows through the real bot and worker (seconds, after the scenario's diagnosis)",
      '| flow | scenario | state | wall |',
      '|---|---|---|---|',
      ...flows,
      '',
      'clawops diagnose against the real OpenClaw (seconds)',
      '| scenario | verdict | wall | diagnosis durationMs | probes | runbook one after another |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
}

describe.each(CASES)('real OpenClaw: $scenario', ({ scenario, label, cause }) => {
  it(`diagnoses ${label}${cause ? ` caused by ${cause}` : ''}`, () => {
    const o = outcomes.get(scenario);
    expect(o?.error, o?.console).toBeUndefined();
    expect(o?.diagnosis?.verdict.label, o?.console).toBe(label);
    if (cause) expect(o?.diagnosis?.verdict.cause).toBe(cause);
    expect(o?.diagnosis?.openclawVersion).toBe('2026.9.6');
  });
});

describe.each(CASES.filter((c) => c.fixture))(
  'real OpenClaw against its capture: $scenario',
  ({ scenario, fixture }) => {
    it(`agrees with the captured fixture ${fixture}`, async () => {
      const s = await prepareScenario(fixture as string);
      try {
        const replay = DiagnosisSchema.parse(
          JSON.parse((await runClawops(['diagnose', '--json'], s.env)).stdout),
        );
        expect(outcomes.get(scenario)?.diagnosis?.verdict.label).toBe(replay.verdict.label);
        expect(outcomes.get(scenario)?.diagnosis?.verdict.owner).toBe(replay.verdict.owner);
      } finally {
        await s.stop();
      }
    });
  },
);

/** A scenario's flow result; fails with the scenario's console when the flow failed. */
function flowOf<T>(scenario: string): T {
  const o = outcomes.get(scenario);
  expect(o?.flow?.error, o?.console).toBeUndefined();
  return o?.flow?.result as T;
}
const has = (scenario: string) => CASES.some((c) => c.scenario === scenario);

const IN_CHAT = CASES.filter((c) => c.flow === 'chat' || c.flow === 'start');
describe.runIf(IN_CHAT.length > 0)('chat to the real gateway: the real bot and worker through Redis', () => {
  it.each(IN_CHAT)(
    '/claw diagnose in Slack gets the verdict the CLI got: $scenario',
    ({ scenario, label }) => {
      const r = flowOf<ChatVerdict | StartFlow>(scenario);
      const v = 'verdict' in r ? r.verdict : r;
      expect(v.label).toBe(label);
      expect(v.label).toBe(outcomes.get(scenario)?.diagnosis?.verdict.label);
    },
  );
});

describe.runIf(has('gateway_down'))('an honest start button', () => {
  it('the real restart cannot start a stopped unmanaged gateway, so chat shows the command a person runs', () => {
    const r = flowOf<StartFlow>('gateway_down');
    expect(r.restartDown.exitCode).toBe(1);
    expect(JSON.parse(r.restartDown.stdout)).toMatchObject({ action: 'restart', ok: false });
    expect(r.verdict.buttons).toEqual(['Start the gateway by hand']);
  });
});

describe.runIf(has('restart'))('approve-to-restart on a real gateway', () => {
  it('restarts the real gateway through `openclaw gateway restart --json`, and says the key is still bad', () => {
    const { restart: r } = flowOf<RestartFlow>('restart');
    expect(r.verdict.label).toBe('invalid_key');
    expect(r.request).toMatch(/will run exactly/);
    expect(r.request).toMatch(/\$ \S+\/openclaw gateway restart --json/);
    expect(r.before.listening).toBe(true);
    expect(r.after.listening).toBe(true);
    // An unmanaged gateway restarts in-process: a new start, the same pid.
    expect(r.after.started > r.before.started).toBe(true);
    // The turn after the restart was refused again: live evidence, not the 401 from before it.
    expect(r.turnExit).not.toBe(0);
    expect(r.result).toMatch(/ran, not fixed — Restart the gateway on e2e-restart/);
    expect(r.result).toMatch(/\*Before\*\\ninvalid_key/);
    // OpenClaw cools the profile down after the refusal: a cooldown whose cause is the key.
    expect(r.result).toMatch(/\*After\*\\n(invalid_key|cooldown)/);
    expect(r.result).toMatch(/rejected the key|401/);
  });

  it('restarts it again once the key is rotated, and a turn after the restart makes it fixed', () => {
    const { rotated: r } = flowOf<RestartFlow>('restart');
    // The 401 from before the rotation is still the newest failure in the log: the verdict before
    // (or the cooldown it started, when a request met it).
    expect(r.verdict.label).toMatch(/^(invalid_key|cooldown)$/);
    expect(r.request).toMatch(/\$ \S+\/openclaw gateway restart --json/);
    expect(r.before.listening).toBe(true);
    expect(r.after.listening).toBe(true);
    expect(r.after.started > r.before.started).toBe(true);
    expect(r.turnExit).toBe(0);
    expect(r.result).toMatch(/✅ fixed — Restart the gateway on e2e-restart/);
    expect(r.result).toMatch(/It worked: (invalid_key|cooldown) → healthy\. A model call since it ended at/);
    expect(r.result).toMatch(/\*Before\*\\n(invalid_key|cooldown)/);
    expect(r.result).toMatch(/\*After\*\\nhealthy/);
  });

  it('starts the stopped gateway with CLAWOPS_START_COMMAND once approved: fixed', () => {
    const { start: r } = flowOf<RestartFlow>('restart');
    expect(r.verdict.label).toBe('gateway_down');
    expect(r.request).toMatch(/\$ \S+\/start-gateway\.sh/);
    expect(r.before.listening).toBe(false);
    expect(r.after.listening).toBe(true);
    expect(r.after.pid).not.toBeNull();
    expect(r.result).toMatch(/✅ fixed — Start the gateway on e2e-restart/);
    expect(r.result).toMatch(/\*Before\*\\ngateway_down/);
  });
});

describe.runIf(has('cooldown_429'))('a real cooldown alert', () => {
  it('posts exactly one alert naming the cause and the time left, and resolves it once it is over', () => {
    const r = flowOf<CooldownFlow>('cooldown_429');
    expect(r.alerts).toHaveLength(1);
    expect(r.alerts[0]).toMatch(/rate_limit/);
    expect(r.alerts[0]).toMatch(/\d+ (s|min|h)( \d+ min)? left/);
    expect(r.edits.some((e) => /Resolved/.test(e))).toBe(true);
  });
});
