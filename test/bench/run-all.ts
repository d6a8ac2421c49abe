/**
 * `npm run bench`: every benchmark, one after another on a quiet machine, each measured next to
 * its anchor in the same run. Writes bench/results.json and bench/results.md, and prints the
 * table: figure, clawops, anchor, ratio, target, met.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/scenario.js';

const BENCHES = [
  ['slack', 'slack-ack.bench.ts', 'slack-ack.json'],
  ['discord', 'discord-slash.bench.ts', 'discord-slash.json'],
  ['diagnose', 'diagnose.bench.ts', 'diagnose.json'],
  ['queue', 'queue.bench.ts', 'queue.json'],
  ['alerts', 'alerts.bench.ts', 'alerts.json'],
  ['classifier', 'classifier.bench.ts', 'classifier.json'],
  ['memory', 'memory.bench.ts', 'memory.json'],
  ['redact', 'redact.bench.ts', 'redact.json'],
  ['explainWorst', 'explain-worst.bench.ts', 'explain-worst.json'],
  ['fleet', 'fleet.bench.ts', 'fleet.json'],
] as const;

type P = { p50: number; p99: number };
/** What each benchmark writes, as far as this table reads it. */
type Figures = {
  slack: { clawops: P; bareBolt: P; ratioP99: number };
  discord: { clawops: P; bareDiscordJs: P; ratioP99: number };
  diagnose: {
    summary: {
      scenarios: number;
      medianVerdictMs: number;
      medianRatio: number;
      metTarget2: number;
      /** The scenarios with a runbook time to compare with. */
      compared: number;
      wrongVerdicts: string[];
    };
    results: { runbookMs: number | null }[];
  };
  queue: {
    jobs: number;
    clawops: P;
    bare: P;
    overheadP50: number;
    shared: { requests: number; runs: number; allAnsweredMs: number };
  };
  alerts: { episodes: number; clawops: P; polling1s: P; ratioP99: number };
  classifier: { logMB: number; clawops: { mbPerS: number }; grep: { mbPerS: number }; ratio: number };
  memory: { botMb: number; workerMb: number };
  redact: { worstRatio: number; slowest1mMs: number };
  explainWorst: {
    chars: number;
    kinds: number;
    worst: { reader: string; shape: string; largeMs: number }[];
    rows: { growth: number }[];
  };
  fleet: {
    hosts: number;
    rowMs: P;
    lastRowMs: number;
    idleCommandsPerS: { beforeDiagnoseAll: { total: number }; afterDiagnoseAll: { total: number } };
    bot: { rssMb: number; peakMb: number };
  };
};
const started = performance.now();
const figures: Record<string, unknown> = {};
const seconds: Record<string, number> = {};
for (const [name, script, out] of BENCHES) {
  process.stdout.write(`\n## ${name}\n`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test/bench', script)], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  seconds[name] = Math.round((performance.now() - t0) / 100) / 10;
  if (r.status !== 0)
    process.stdout.write(`${name} exited ${r.status}: its figures may be missing or stale\n`);
  figures[name] = JSON.parse(readFileSync(join(ROOT, 'bench', out), 'utf8')) as unknown;
}

const { slack, discord, diagnose, queue, alerts, classifier, memory, redact, explainWorst, fleet } =
  figures as Figures;
const explainSlowest = explainWorst.worst.find((w) => w.reader === 'explain');
const explainGrowth = Math.max(...explainWorst.rows.map((r) => r.growth));
const idle = fleet.idleCommandsPerS;
const idleMax = Math.max(idle.beforeDiagnoseAll.total, idle.afterDiagnoseAll.total);
const ms = (x: number) => `${x.toFixed(1)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const runbookMedian = median(diagnose.results.flatMap((r) => (r.runbookMs === null ? [] : [r.runbookMs])));

type Row = { figure: string; clawops: string; anchor: string; ratio: string; target: string; met: boolean };
const rows: Row[] = [
  {
    figure: 'Slack ack, 50 concurrent slash commands (p50 / p99)',
    clawops: `${ms(slack.clawops.p50)} / ${ms(slack.clawops.p99)}`,
    anchor: `bare Bolt ${ms(slack.bareBolt.p50)} / ${ms(slack.bareBolt.p99)}`,
    ratio: `${slack.ratioP99.toFixed(2)}× p99`,
    target: 'p99 ≤ 1.5× bare and < 100 ms',
    met: slack.ratioP99 <= 1.5 && slack.clawops.p99 < 100,
  },
  {
    figure: 'Discord deferral, 50 concurrent interactions (p50 / p99)',
    clawops: `${ms(discord.clawops.p50)} / ${ms(discord.clawops.p99)}`,
    anchor: `bare discord.js ${ms(discord.bareDiscordJs.p50)} / ${ms(discord.bareDiscordJs.p99)}`,
    ratio: `${discord.ratioP99.toFixed(2)}× p99`,
    target: 'p99 ≤ 1.5× bare and < 100 ms',
    met: discord.ratioP99 <= 1.5 && discord.clawops.p99 < 100,
  },
  {
    figure: `Time to verdict, ${diagnose.summary.scenarios} captured scenarios at real speed (median)`,
    clawops: `${(diagnose.summary.medianVerdictMs / 1000).toFixed(1)} s`,
    anchor: `sequential runbook ${(runbookMedian / 1000).toFixed(1)} s`,
    ratio: `${(diagnose.summary.medianRatio * 100).toFixed(1)} % (median)`,
    target: '≤ 25 % of the runbook in every scenario with one, every verdict right',
    met:
      diagnose.summary.metTarget2 === diagnose.summary.compared &&
      diagnose.summary.wrongVerdicts.length === 0,
  },
  {
    figure: `Queue round trip, ${queue.jobs} jobs (p50)`,
    clawops: ms(queue.clawops.p50),
    anchor: `bare BullMQ ${ms(queue.bare.p50)}`,
    ratio: `+${ms(queue.overheadP50)}`,
    target: 'overhead < 2 ms',
    met: queue.overheadP50 < 2,
  },
  {
    figure: 'Shared run: 100 concurrent requests for one host',
    clawops: `${queue.shared.runs} run, all answered in ${ms(queue.shared.allAnsweredMs)}`,
    anchor: '100 runs without sharing',
    ratio: `${queue.shared.runs}/${queue.shared.requests}`,
    target: '1 run',
    met: queue.shared.runs === 1,
  },
  {
    figure: `Alert latency, log line → alert posted (${alerts.episodes} episodes, p50 / p99)`,
    clawops: `${ms(alerts.clawops.p50)} / ${ms(alerts.clawops.p99)}`,
    anchor: `1 s polling follower ${ms(alerts.polling1s.p50)} / ${ms(alerts.polling1s.p99)}`,
    ratio: `${alerts.ratioP99.toFixed(2)}× p99`,
    target: 'p99 < 1 s',
    met: alerts.clawops.p99 < 1_000,
  },
  {
    figure: `Classifier throughput, ${classifier.logMB} MB gateway log`,
    clawops: `${classifier.clawops.mbPerS.toFixed(0)} MB/s`,
    anchor: `grep -E -c ${classifier.grep.mbPerS.toFixed(0)} MB/s`,
    ratio: `${classifier.ratio.toFixed(2)}×`,
    target: '≥ 0.5× grep',
    met: classifier.ratio >= 0.5,
  },
  {
    figure: 'Resident memory, idle bot',
    clawops: `${memory.botMb.toFixed(0)} MB`,
    anchor: '-',
    ratio: '-',
    target: '< 150 MB',
    met: memory.botMb < 150,
  },
  {
    figure: `Fleet of ${fleet.hosts}: Diagnose all, click → each row (p50 / p99) and last row`,
    clawops: `${ms(fleet.rowMs.p50)} / ${ms(fleet.rowMs.p99)}, last ${ms(fleet.lastRowMs)}`,
    anchor: '-',
    ratio: '-',
    target: 'all answered < 5 s',
    met: fleet.lastRowMs < 5_000,
  },
  {
    figure: `Fleet of ${fleet.hosts}: Redis commands/s at idle (before / after Diagnose all)`,
    clawops: `${idle.beforeDiagnoseAll.total.toFixed(0)} / ${idle.afterDiagnoseAll.total.toFixed(0)}`,
    anchor: '-',
    ratio: '-',
    target: '< 500',
    met: idleMax < 500,
  },
  {
    figure: `Fleet of ${fleet.hosts}: bot resident memory (after / peak)`,
    clawops: `${fleet.bot.rssMb.toFixed(0)} / ${fleet.bot.peakMb.toFixed(0)} MB`,
    anchor: '-',
    ratio: '-',
    target: '< 200 MB',
    met: fleet.bot.peakMb < 200,
  },
  {
    figure: 'Resident memory, idle worker',
    clawops: `${memory.workerMb.toFixed(0)} MB`,
    anchor: '-',
    ratio: '-',
    target: '< 100 MB',
    met: memory.workerMb < 100,
  },
  {
    figure: 'Redaction of 1 MB adversarial input (slowest of 12 kinds; growth from 100 KB)',
    clawops: `${redact.slowest1mMs.toFixed(0)} ms`,
    anchor: '100 KB of the same input',
    ratio: `×${redact.worstRatio.toFixed(1)} (linear ≈ ×10)`,
    target: 'growth < ×20',
    met: redact.worstRatio < 20,
  },
  {
    figure: `explain of a ${explainWorst.chars}-character paste built to backtrack (slowest of ${explainWorst.kinds} kinds; growth from a quarter)`,
    clawops: `${explainSlowest?.largeMs.toFixed(0)} ms (${explainSlowest?.shape})`,
    anchor: 'a quarter of the same paste',
    ratio: `×${explainGrowth.toFixed(1)} (linear ≈ ×4)`,
    target: 'under 2 s, growth < ×8',
    met: (explainSlowest?.largeMs ?? Number.POSITIVE_INFINITY) < 2000 && explainGrowth < 8,
  },
];

const totalS = Math.round((performance.now() - started) / 1000);
const table = [
  '| figure | clawops | anchor | ratio | target | met |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) => `| ${r.figure} | ${r.clawops} | ${r.anchor} | ${r.ratio} | ${r.target} | ${r.met ? '✓' : '✗'} |`,
  ),
].join('\n');
const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
mkdirSync(join(ROOT, 'bench'), { recursive: true });
writeFileSync(
  join(ROOT, 'bench/results.json'),
  `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, totalSeconds: totalS, secondsPerBench: seconds, rows, figures }, null, 2)}\n`,
);
const md = `# clawops benchmarks\n\n${new Date().toISOString()} · ${machine.cpus} × ${machine.cpu} · Node ${machine.node} · ${totalS} s\n\n${table}\n`;
writeFileSync(join(ROOT, 'bench/results.md'), md);
process.stdout.write(`\n${md}\nWritten: bench/results.json, bench/results.md\n`);
process.exitCode = rows.every((r) => r.met) ? 0 : 1;
