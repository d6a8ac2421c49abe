/**
 * The classifier's worst case: `explain` and the log scanner on pastes built to make a regex
 * backtrack (one letter repeated, hyphenated or dotted runs, key prefixes, quotes, brackets…), at a
 * quarter of the largest paste `explain` reads and at the largest. Every regex must stay linear:
 * four times the text may take about four times as long, not sixteen. (The redactor's own worst
 * case is redact.bench.ts's.) Writes bench/explain-worst.json.
 */
import { explain, MAX_EXPLAIN_CHARS } from '../../src/engine/explain.js';
import { scanLogText } from '../../src/engine/log-scan.js';
import { createRedactor } from '../../src/engine/redact.js';
import { repeated, writeBenchResult } from './figures.js';

const unit = (s: string) => (n: number) => repeated(s, n);
const SHAPES: Record<string, (n: number) => string> = {
  letter: unit('a'),
  capitals: unit('A'),
  words: unit('token '),
  snake: unit('A_'),
  hyphens: unit('a-'),
  dots: unit('a.'),
  slashes: unit('a/'),
  colons: unit('a: '),
  quotes: unit('"a":'),
  escapes: unit('\\"'),
  braces: unit('{"a":'),
  brackets: unit('['),
  lines: unit('a\n'),
  'error lines': unit('error\n'),
  'key prefix': unit('sk-ant-'),
  'key=value': unit('reason='),
  status: unit('401 '),
  digits: unit('1'),
  spaces: unit(' '),
  cjk: unit('错误'),
};
const redactor = createRedactor();
const READERS: Record<string, (text: string) => unknown> = {
  explain: (text) => explain(text, redactor),
  'log scanner': (text) => scanLogText(text),
};

const ms = (read: (t: string) => unknown, text: string): number => {
  const start = performance.now();
  read(text);
  return performance.now() - start;
};
const rows = Object.entries(READERS).flatMap(([reader, read]) =>
  Object.entries(SHAPES).map(([shape, make]) => {
    const small = ms(read, make(MAX_EXPLAIN_CHARS / 4));
    const large = ms(read, make(MAX_EXPLAIN_CHARS));
    return { reader, shape, smallMs: small, largeMs: large, growth: large / Math.max(small, 1) };
  }),
);
const worst = (reader: string) =>
  rows.filter((r) => r.reader === reader).reduce((a, b) => (b.largeMs > a.largeMs ? b : a));
const result = {
  chars: MAX_EXPLAIN_CHARS,
  kinds: Object.keys(SHAPES).length,
  worst: Object.keys(READERS).map(worst),
  rows,
  target: 'linear: at most ~4x the time for 4x the text, and explain under 2 s at the largest paste',
};
writeBenchResult('explain-worst.json', result);
process.stdout.write(
  [
    `Worst-case pastes, ${MAX_EXPLAIN_CHARS / 4} and ${MAX_EXPLAIN_CHARS} characters`,
    '| reader | slowest shape | ms at 1/4 | ms at full | growth |',
    '|---|---|---|---|---|',
    ...result.worst.map(
      (r) =>
        `| ${r.reader} | ${r.shape} | ${r.smallMs.toFixed(0)} | ${r.largeMs.toFixed(0)} | ${r.growth.toFixed(1)}× |`,
    ),
    `largest growth: ${Math.max(...rows.map((r) => r.growth)).toFixed(1)}× (linear is about 4×)`,
    '',
  ].join('\n'),
);
