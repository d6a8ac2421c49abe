/**
 * End to end against the real OpenClaw 2026.9.6: per scenario a fake Anthropic API, a real
 * gateway in a private network, mount and pid namespace, one or two real agent turns, then
 * `clawops diagnose --json` with OPENCLAW_BIN on the real CLI (test/e2e/scenario.sh). The
 * scenarios run side by side; the verdict of each is compared with the lab's expectation and
 * with what the same scenario's captured fixture gives.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Diagnosis, DiagnosisSchema } from '../../src/engine/diagnosis.js';
import { prepareScenario, ROOT, runClawops } from '../support/scenario.js';

type Case = { scenario: string; label: string; cause?: string; fixture?: string };

const CASES: readonly Case[] = [
  { scenario: 'healthy', label: 'healthy', fixture: 'healthy' },
  { scenario: 'invalid_key', label: 'invalid_key', fixture: 'invalid_key_401' },
  { scenario: 'missing_auth', label: 'missing_auth', fixture: 'missing_auth' },
  { scenario: 'gateway_down', label: 'gateway_down', fixture: 'gateway_down' },
  { scenario: 'gateway_client_auth', label: 'gateway_client_auth', fixture: 'gateway_client_auth' },
  { scenario: 'cooldown', label: 'cooldown', cause: 'billing' },
  { scenario: 'env_override', label: 'env_override', fixture: 'env_override' },
];

/** Scenarios at once: each runs a gateway and a CLI that want most of a core for a while. */
const CONCURRENCY = Number(process.env.CLAWOPS_E2E_CONCURRENCY ?? 3);

type Outcome = {
  diagnosis: Diagnosis | null;
  timings: Record<string, number>;
  error?: string;
  console: string;
};

const running = new Set<ChildProcess>();
const outcomes = new Map<string, Outcome>();
let runDir = '';

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

async function runScenario(scenario: string, cache: string): Promise<Outcome> {
  const dir = join(runDir, scenario);
  const child = spawn('bash', [join(ROOT, 'test/e2e/scenario.sh'), scenario, dir], {
    env: { ...process.env, CLAWOPS_E2E_CACHE: cache, CLAWOPS_NODE: process.execPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let console = '';
  child.stdout?.on('data', (c: Buffer) => (console += c.toString()));
  child.stderr?.on('data', (c: Buffer) => {
    console += c.toString();
    process.stderr.write(c);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  running.delete(child);
  const file = join(dir, 'diagnosis.json');
  const timings = readTimings(dir);
  if (!existsSync(file))
    return { diagnosis: null, timings, error: `scenario.sh exited ${code} without a diagnosis`, console };
  try {
    return { diagnosis: DiagnosisSchema.parse(JSON.parse(readFileSync(file, 'utf8'))), timings, console };
  } catch (err) {
    return { diagnosis: null, timings, error: `diagnosis.json: ${String(err)}`, console };
  }
}

/** What the scenarios need from the machine, checked up front for a clear message. */
async function checkMachine(): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'npm run test:e2e needs root: each scenario runs in its own network, mount and pid namespace (unshare)',
    );
  }
  for (const tool of ['unshare', 'ip', 'ss', 'pgrep', 'timeout']) {
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
  const queue = [...CASES];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift())
      outcomes.set(c.scenario, await runScenario(c.scenario, cache));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  printTimes();
});

afterAll(async () => {
  // Whatever failed: no scenario outlives the run (each cleans up by pid; this stops the rest).
  for (const child of running) child.kill('SIGTERM');
  await Promise.all([...running].map((c) => once(c, 'exit')));
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
  process.stdout.write(
    [
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
