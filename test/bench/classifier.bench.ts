/**
 * Classifier throughput: the route events of a large gateway log (at least 200 MB of real-shaped
 * JSON lines: every captured gateway log line, over and over), found by clawops' log scanner
 * (src/engine/log-scan.ts, the watcher's filter), next to `grep -E -c -i` with the same patterns
 * (ROUTE_PATTERNS, written as POSIX ERE) in the C locale, its fastest (in a UTF-8 locale GNU grep
 * 3.8 is ten times slower on these patterns: case folding and bounded repeats such as `{0,80}`
 * defeat its DFA). Best of three clawops runs, one grep run (about a minute at this size).
 * Writes bench/classifier.json.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUTE_PATTERNS, scanLogText } from '../../src/engine/log-scan.js';
import { capturedLogLines } from '../support/log-lines.js';
import { SCENARIOS } from '../support/scenario.js';
import { writeBenchResult } from './figures.js';

const TARGET_MB = Number(process.env.BENCH_LOG_MB ?? 210);
const RUNS = 3;
const GREP_RUNS = Number(process.env.BENCH_GREP_RUNS ?? 1);

/** A JavaScript regex source as POSIX ERE for GNU grep: no lookaheads, no `(?:`, no `\d`. */
function toEre(source: string): string {
  let out = source.replace(/\[\^\\n\]/g, '.').replace(/\\d/g, '[0-9]');
  // Drop negative lookaheads and lookbehinds (grep then matches a little more, never less).
  const look = (from: string): number => from.search(/\(\?<?!/);
  for (let i = look(out); i !== -1; i = look(out)) {
    let depth = 0;
    let inClass = false; // a `(` or `)` in a character class such as `[-:(]` is a character
    let j = i;
    for (; j < out.length; j++) {
      if (out[j] === '\\') j++;
      else if (inClass) inClass = out[j] !== ']';
      else if (out[j] === '[') inClass = true;
      else if (out[j] === '(') depth++;
      else if (out[j] === ')' && --depth === 0) break;
    }
    out = out.slice(0, i) + out.slice(j + 1);
  }
  return out.replace(/\(\?:/g, '(');
}

const dir = mkdtempSync(join(tmpdir(), 'clawops-bench-log-'));
const file = join(dir, 'openclaw-big.log');
const lines = SCENARIOS.flatMap((s) => capturedLogLines(s));
const block = `${lines.join('\n')}\n`;
const fd = openSync(file, 'w');
const blockBytes = Buffer.byteLength(block);
const copies = Math.ceil((TARGET_MB * 1024 * 1024) / blockBytes);
const batch = Buffer.from(block.repeat(Math.min(copies, 20)));
for (let written = 0; written < copies; written += 20)
  writeFileSync(fd, copies - written >= 20 ? batch : Buffer.from(block.repeat(copies - written)));
closeSync(fd);
const bytes = statSync(file).size;
const mb = bytes / 1024 / 1024;

function clawopsScan(): { seconds: number; events: number } {
  const started = performance.now();
  const f = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(16 * 1024 * 1024);
  let carry = '';
  let events = 0;
  for (;;) {
    const n = readSync(f, buf, 0, buf.length, null);
    if (n === 0) break;
    const text = carry + buf.toString('utf8', 0, n);
    const cut = text.lastIndexOf('\n') + 1;
    events += scanLogText(text.slice(0, cut)).length;
    carry = text.slice(cut);
  }
  events += scanLogText(carry).length;
  closeSync(f);
  return { seconds: (performance.now() - started) / 1000, events };
}

const patterns = join(dir, 'patterns.ere');
writeFileSync(patterns, `${ROUTE_PATTERNS.map(toEre).join('\n')}\n`);
function grep(): { seconds: number; lines: number } {
  const started = performance.now();
  const r = spawnSync('grep', ['-E', '-c', '-i', '-f', patterns, file], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`grep failed: ${r.stderr}`);
  return { seconds: (performance.now() - started) / 1000, lines: Number(r.stdout.trim()) };
}

const best = <T extends { seconds: number }>(run: () => T, runs: number): T =>
  Array.from({ length: runs }, run).reduce((a, b) => (b.seconds < a.seconds ? b : a));
const grepRun = best(grep, GREP_RUNS);
const clawRun = best(clawopsScan, RUNS);
rmSync(dir, { recursive: true, force: true });

const result = {
  logMB: Math.round(mb),
  lines: lines.length * copies,
  clawops: { mbPerS: mb / clawRun.seconds, seconds: clawRun.seconds, events: clawRun.events },
  grep: { mbPerS: mb / grepRun.seconds, seconds: grepRun.seconds, matchingLines: grepRun.lines },
  ratio: grepRun.seconds / clawRun.seconds,
  target: 'clawops at least half of grep (ratio >= 0.5)',
};
writeBenchResult('classifier.json', result);
const f = (x: number) => x.toFixed(0);
process.stdout.write(
  [
    `Classifier throughput over a ${result.logMB} MB gateway log (${result.lines} JSON lines)`,
    '| reader | MB/s | s | found |',
    '|---|---|---|---|',
    `| clawops log scanner (route events) | ${f(result.clawops.mbPerS)} | ${result.clawops.seconds.toFixed(2)} | ${result.clawops.events} events |`,
    `| grep -E -c -i (LC_ALL=C), same ${ROUTE_PATTERNS.length} patterns | ${f(result.grep.mbPerS)} | ${result.grep.seconds.toFixed(2)} | ${result.grep.matchingLines} lines |`,
    `throughput ratio ${result.ratio.toFixed(2)} (target >= 0.5)`,
    '',
  ].join('\n'),
);
