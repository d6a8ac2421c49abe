/**
 * Redaction time on adversarial input: each input at 100 KB and at 1 MB, through a redactor that
 * knows 100 secrets (as a host's inventory would). Linear time means 10× the input takes about
 * 10× the time; a quadratic rule would take 100×. Best of five runs per size (the 100 KB one
 * ten times over). Writes bench/redact.json.
 */
import { randomBytes } from 'node:crypto';
import { createRedactor } from '../../src/engine/redact.js';
import { repeated, writeBenchResult } from './figures.js';

const KB = 1024;
const randomB64 = (bytes: number) =>
  randomBytes(Math.ceil((bytes * 3) / 4))
    .toString('base64')
    .slice(0, bytes);

const INPUTS: Record<string, (bytes: number) => string> = {
  'one repeated character': (n) => repeated('a', n),
  'repeated dashes': (n) => repeated('-', n),
  'repeated colons': (n) => repeated(':', n),
  'near-miss key prefixes': (n) => repeated('sk-ant-api03 AKIA12 xoxb-1 glpat- eyJ ', n),
  'near-miss URL passwords': (n) => repeated('://a:b', n),
  'unclosed JSON fields': (n) => repeated('"token":"', n),
  'long key=value runs': (n) => repeated('secret=v1234567x ', n),
  'one key=value without end': (n) => `token=${repeated('x', n - 6)}`,
  'long base64': (n) => randomB64(n),
  'base64 JSON prefix': (n) => `ey${randomB64(n - 2)}`,
  'wrapped key heads': (n) => repeated('sk-ant-api03-abcd\n', n),
  'PEM starts without end': (n) => repeated('-----BEGIN ', n),
};

/** Best of five: the machine is shared, and a run can lose its core for a moment. */
const RUNS = 5;
const known = Array.from({ length: 100 }, () => randomBytes(18).toString('base64url'));

/** Best of RUNS: the time to redact `text` once, `times` times over (the mean of one). */
function best(text: string, times: number): number {
  let min = Number.POSITIVE_INFINITY;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    for (let i = 0; i < times; i++) createRedactor(known).redact(text);
    min = Math.min(min, (performance.now() - t0) / times);
  }
  return min;
}

const results = Object.entries(INPUTS).map(([input, make]) => {
  // Ten 100 KB inputs allocate as much as one 1 MB input: the garbage collector's share of the
  // time is then the same on both sides, and only the redactor's growth shows.
  const small = best(make(100 * KB), 10);
  const large = best(make(1000 * KB), 1);
  return {
    input,
    ms100k: Math.round(small * 10) / 10,
    ms1m: Math.round(large * 10) / 10,
    ratio: large / small,
  };
});
const worstRatio = Math.max(...results.map((r) => r.ratio));
const slowest1m = Math.max(...results.map((r) => r.ms1m));
for (const r of results)
  process.stdout.write(
    `${r.input.padEnd(28)} 100 KB ${`${r.ms100k} ms`.padStart(10)}   1 MB ${`${r.ms1m} ms`.padStart(10)}   ×${r.ratio.toFixed(1)}\n`,
  );
process.stdout.write(
  `\nworst growth 100 KB → 1 MB: ×${worstRatio.toFixed(1)} (linear ≈ ×10, quadratic ≈ ×100; target < ×20)\n`,
);
process.stdout.write(`slowest 1 MB input: ${slowest1m.toFixed(0)} ms\n`);
writeBenchResult('redact.json', { knownSecrets: known.length, results, worstRatio, slowest1mMs: slowest1m });
process.exitCode = worstRatio < 20 ? 0 : 1;
