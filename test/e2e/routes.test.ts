/**
 * End to end against the real OpenClaw 2026.9.6 with two providers: a fake Anthropic API and a
 * fake OpenAI-compatible one, a real gateway in private namespaces, real agent turns, then
 * `clawops diagnose --json` on the real CLI (test/e2e/routes-scenario.sh). Each scenario's
 * routes and conclusion are compared with what the lab expects and with the replay of its capture.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Diagnosis, DiagnosisSchema } from '../../src/engine/diagnosis.js';
import { prepareScenario, ROOT, runClawops } from '../support/scenario.js';

type Case = { scenario: string; label: string; states: string[]; conclusion: string };

const CASES: readonly Case[] = [
  {
    scenario: 'routes_fallback_ok',
    label: 'billing',
    states: ['disabled', 'usable'],
    conclusion: 'anthropic is disabled (billing); traffic goes to openai/gpt-5 — usable',
  },
  {
    scenario: 'routes_all_cooldown',
    label: 'cooldown',
    states: ['disabled', 'disabled'],
    conclusion: 'no usable fallback: every route would fail',
  },
];

type Outcome = { diagnosis: Diagnosis | null; seconds: Record<string, number>; console: string };

const running = new Set<ChildProcess>();
const outcomes = new Map<string, Outcome>();
let runDir = '';

async function runScenario(scenario: string, cache: string): Promise<Outcome> {
  const dir = join(runDir, scenario);
  const child = spawn('bash', [join(ROOT, 'test/e2e/routes-scenario.sh'), scenario, dir], {
    env: { ...process.env, CLAWOPS_E2E_CACHE: cache, CLAWOPS_NODE: process.execPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let console = '';
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (c: Buffer) => (console += c));
  await once(child, 'exit');
  running.delete(child);
  const timings = join(dir, 'timings.tsv');
  const seconds = existsSync(timings)
    ? Object.fromEntries(
        readFileSync(timings, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('\t'))
          .map(([name, s]) => [name as string, Number(s)]),
      )
    : {};
  const file = join(dir, 'diagnosis.json');
  const parsed = existsSync(file) ? DiagnosisSchema.safeParse(JSON.parse(readFileSync(file, 'utf8'))) : null;
  return { diagnosis: parsed?.success ? parsed.data : null, seconds, console };
}

beforeAll(async () => {
  if (process.getuid?.() !== 0)
    throw new Error('the e2e run needs root: each scenario runs in its own network, mount and pid namespace');
  const install = await execa('bash', [join(ROOT, 'test/e2e/install.sh')], {
    stderr: 'inherit',
    timeout: 40 * 60_000,
  });
  const cache = install.stdout.trim().split('\n').at(-1) as string;
  runDir = join(cache, 'runs', `routes-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(runDir, { recursive: true });
  // Side by side: each scenario holds a gateway and a CLI for a few minutes.
  await Promise.all(CASES.map(async (c) => outcomes.set(c.scenario, await runScenario(c.scenario, cache))));
  const rows = CASES.map(({ scenario }) => {
    const o = outcomes.get(scenario);
    const turns = Object.entries(o?.seconds ?? {})
      .filter(([k]) => k.startsWith('agent'))
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ');
    return `| ${scenario} | ${o?.diagnosis?.verdict.label ?? '?'} | ${o?.seconds.gateway_start?.toFixed(1) ?? '-'} | ${turns} | ${o?.seconds.clawops_diagnosis?.toFixed(1) ?? '-'} |`;
  });
  process.stdout.write(
    [
      '',
      'failover routes against the real OpenClaw (seconds)',
      '| scenario | verdict | gateway start | agent turns | clawops diagnose |',
      '|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  for (const child of running) child.kill('SIGTERM');
  await Promise.all([...running].map((c) => once(c, 'exit')));
  if (process.env.CLAWOPS_E2E_KEEP !== '1' && runDir) rmSync(runDir, { recursive: true, force: true });
});

describe.each(CASES)(
  'real OpenClaw with a fallback: $scenario',
  ({ scenario, label, states, conclusion }) => {
    it(`diagnoses ${label} and says: ${conclusion}`, () => {
      const o = outcomes.get(scenario);
      const d = o?.diagnosis;
      expect(d?.verdict.label, o?.console).toBe(label);
      expect(d?.routes.map((r) => `${r.provider}/${r.model}`)).toEqual([
        'anthropic/claude-opus-5',
        'openai/gpt-5',
      ]);
      expect(d?.routes.map((r) => r.state)).toEqual(states);
      expect(d?.failover?.conclusion).toBe(conclusion);
      expect(JSON.stringify(d)).not.toMatch(/sk-proj-FAKE|sk-ant-api03-FAKE/);
    });

    it('agrees with the replay of its capture', async () => {
      const s = await prepareScenario(scenario);
      try {
        const replay = DiagnosisSchema.parse(
          JSON.parse((await runClawops(['diagnose', '--json'], s.env)).stdout),
        );
        const live = outcomes.get(scenario)?.diagnosis;
        expect(live?.verdict.label).toBe(replay.verdict.label);
        expect(live?.routes.map((r) => [r.provider, r.state, r.reason])).toEqual(
          replay.routes.map((r) => [r.provider, r.state, r.reason]),
        );
        expect(live?.failover?.conclusion).toBe(replay.failover?.conclusion);
      } finally {
        await s.stop();
      }
    });
  },
);
