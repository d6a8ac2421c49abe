/**
 * Time to verdict of `clawops diagnose --json`, replayed against every captured OpenClaw 2026.9.6
 * scenario (test/fixtures/captures/2026.9.6) with the real per-command durations: the fixture
 * `openclaw` sleeps each command's recorded wall time (speed 1). Scenarios run one at a time.
 *
 * Per scenario it measures the wall time of the CLI (spawn to exit), the Diagnosis's own
 * `durationMs`, the verdict label (must equal the capture's `expected_label`) and the probes run,
 * and compares against two yardsticks:
 *   target 1: `durationMs` <= the slowest probe clawops ran + 300 ms (the probes overlap);
 *   target 2: wall time <= 25 % of the seed runbook typed one after another: `status`,
 *             `gateway status`, `logs`, `doctor`, `models status` (sum of their captured times).
 * Prints a markdown table and a summary, writes the figures to bench/diagnose.json, and exits 1
 * if any verdict is wrong (a missed timing target is reported, not fatal).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Diagnosis, DiagnosisSchema } from '../../src/engine/diagnosis.js';
import { prepareScenario, ROOT, readMeta, runClawops, SCENARIOS } from '../support/scenario.js';

const RUNBOOK = ['status', 'gateway_status', 'logs', 'doctor', 'models_status'] as const;
const SLACK_MS = 300;
const MAX_RATIO = 0.25;

type Result = {
  scenario: string;
  expected: string;
  label: string | null;
  ok: boolean;
  exitCode: number;
  wallMs: number;
  durationMs: number | null;
  probes: { name: string; argv: string[]; durationMs: number }[];
  slowestProbe: string | null;
  slowestProbeMs: number;
  /** `null` when the lab did not time every runbook command for this scenario. */
  runbookMs: number | null;
  ratio: number | null;
  target1: boolean;
  /** `null` without a runbook time to compare with. */
  target2: boolean | null;
  error?: string;
};

const s = (ms: number) => (ms / 1000).toFixed(2);
const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? (v[m] ?? 0) : ((v[m - 1] ?? 0) + (v[m] ?? 0)) / 2;
};

async function measure(name: string): Promise<Result> {
  const meta = readMeta(name);
  // The route scenarios' captures time no doctor run: they have no runbook to compare with.
  const timed = RUNBOOK.every((key) => meta.timings_s[key] !== undefined);
  const runbookMs = timed ? RUNBOOK.reduce((sum, key) => sum + (meta.timings_s[key] ?? 0) * 1000, 0) : null;
  const scenario = await prepareScenario(name, { speed: 1 });
  try {
    const t0 = performance.now();
    const run = await runClawops(['diagnose', '--json'], scenario.env);
    const wallMs = performance.now() - t0;
    let diagnosis: Diagnosis | null = null;
    let error: string | undefined;
    try {
      diagnosis = DiagnosisSchema.parse(JSON.parse(run.stdout));
    } catch (e) {
      error = `exit ${run.code}, no valid Diagnosis on stdout (${(e as Error).message.split('\n')[0]}): ${run.stderr.slice(0, 300)}`;
    }
    const probes = (diagnosis?.probes ?? []).map((p) => ({
      name: p.name,
      argv: p.argv.map((a) => (a.startsWith(ROOT) ? relative(ROOT, a) : a)),
      durationMs: p.durationMs,
    }));
    const slowest = probes.reduce<(typeof probes)[number] | null>(
      (max, p) => (max === null || p.durationMs > max.durationMs ? p : max),
      null,
    );
    const slowestProbeMs = slowest?.durationMs ?? 0;
    const label = diagnosis?.verdict.label ?? null;
    return {
      scenario: name,
      expected: meta.expected_label,
      label,
      ok: label === meta.expected_label,
      exitCode: run.code,
      wallMs: Math.round(wallMs),
      durationMs: diagnosis?.durationMs ?? null,
      probes,
      slowestProbe: slowest?.name ?? null,
      slowestProbeMs,
      runbookMs: runbookMs === null ? null : Math.round(runbookMs),
      ratio: runbookMs === null ? null : wallMs / runbookMs,
      target1: diagnosis !== null && diagnosis.durationMs <= slowestProbeMs + SLACK_MS,
      target2: runbookMs === null ? null : wallMs <= MAX_RATIO * runbookMs,
      ...(error ? { error } : {}),
    };
  } finally {
    await scenario.stop();
  }
}

const benchStart = performance.now();
const results: Result[] = [];
for (const [i, name] of SCENARIOS.entries()) {
  process.stderr.write(`[${i + 1}/${SCENARIOS.length}] ${name} … `);
  const r = await measure(name);
  results.push(r);
  process.stderr.write(`${s(r.wallMs)} s, ${r.label ?? 'no verdict'}${r.ok ? '' : '  <-- WRONG'}\n`);
}

const mark = (b: boolean | null) => (b === null ? '-' : b ? '✓' : '✗');
const lines = [
  '| scenario | verdict | ok? | verdict s | slowest probe s | runbook s | ratio | targets met |',
  '|---|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.scenario} | ${r.label ?? '(none)'} | ${r.ok ? '✓' : `✗ MISMATCH (expected ${r.expected})`} | ` +
      `${s(r.wallMs)} (${r.durationMs === null ? '-' : s(r.durationMs)}) | ${s(r.slowestProbeMs)} ${r.slowestProbe ?? ''} | ` +
      `${r.runbookMs === null ? '-' : s(r.runbookMs)} | ${r.ratio === null ? '-' : `${(r.ratio * 100).toFixed(1)} %`} | 1 ${mark(r.target1)} · 2 ${mark(r.target2)} |`,
  ),
];
const walls = results.map((r) => r.wallMs);
/** The scenarios with a runbook time: target 2 and the overall comparison are over these. */
const compared = results.filter((r) => r.runbookMs !== null);
const totalClawops = compared.reduce((a, r) => a + r.wallMs, 0);
const totalRunbook = compared.reduce((a, r) => a + (r.runbookMs ?? 0), 0);
const bothMet = results.filter((r) => r.target1 && r.target2).length;
const wrong = results.filter((r) => !r.ok);
const summary = {
  scenarios: results.length,
  wrongVerdicts: wrong.map((r) => r.scenario),
  medianVerdictMs: Math.round(median(walls)),
  maxVerdictMs: Math.max(...walls),
  medianRatio: median(compared.map((r) => r.ratio ?? 0)),
  metTarget1: results.filter((r) => r.target1).length,
  metTarget2: compared.filter((r) => r.target2).length,
  compared: compared.length,
  metBoth: bothMet,
  totalRunbookMs: totalRunbook,
  totalClawopsMs: totalClawops,
};

console.log(
  `\nclawops diagnose --json vs the seed runbook (${RUNBOOK.join(', ')}), OpenClaw 2026.9.6 captures at speed 1`,
);
console.log(
  `verdict s = wall time, spawn to exit (Diagnosis durationMs); target 1: durationMs <= slowest probe + ${SLACK_MS} ms; target 2: ratio <= ${MAX_RATIO * 100} %\n`,
);
console.log(lines.join('\n'));
console.log('\nprobes run (seconds, slowest first):');
for (const r of results) {
  const probes = [...r.probes].sort((a, b) => b.durationMs - a.durationMs);
  console.log(`  ${r.scenario}: ${probes.map((p) => `${p.name} ${s(p.durationMs)}`).join(', ') || '(none)'}`);
  if (r.error) console.log(`    ERROR ${r.error}`);
}
console.log(
  `\nsummary: ${results.length} scenarios, ${results.length - wrong.length} verdicts right; ` +
    `verdict median ${s(summary.medianVerdictMs)} s, max ${s(summary.maxVerdictMs)} s; ` +
    `median ratio ${(summary.medianRatio * 100).toFixed(1)} % (over the ${compared.length} with a runbook time); ` +
    `target 1 met ${summary.metTarget1}/${results.length}, target 2 met ${summary.metTarget2}/${compared.length}, ` +
    `both ${bothMet}/${compared.length}`,
);
console.log(
  `overall, the ${compared.length} with a runbook time: runbook one after another ${s(totalRunbook)} s vs clawops ${s(totalClawops)} s ` +
    `(${((totalClawops / totalRunbook) * 100).toFixed(1)} %, ${(totalRunbook / totalClawops).toFixed(1)}x faster)`,
);
if (wrong.length)
  console.log(
    `WRONG VERDICTS: ${wrong.map((r) => `${r.scenario} (${r.label} != ${r.expected})`).join(', ')}`,
  );

const out = join(ROOT, 'bench/diagnose.json');
mkdirSync(join(ROOT, 'bench'), { recursive: true });
// Arrays of plain values on one line, as biome formats JSON (so `npm run lint` stays clean).
const json = (value: unknown) =>
  JSON.stringify(value, null, 2).replace(
    /\[\n\s+([^[\]{}]*?)\n\s*\]/g,
    (_, items: string) => `[${items.split(/,\n\s+/).join(', ')}]`,
  );
writeFileSync(
  out,
  `${json({
    generatedAt: new Date().toISOString(),
    captures: 'test/fixtures/captures/2026.9.6',
    machine: { cpus: cpus().length, node: process.version },
    targets: { slackMs: SLACK_MS, maxRatio: MAX_RATIO, runbook: RUNBOOK },
    benchMs: Math.round(performance.now() - benchStart),
    summary,
    results,
  })}\n`,
);
console.log(`\nfigures written to ${relative(ROOT, out)}`);
process.exitCode = wrong.length ? 1 : 0;
