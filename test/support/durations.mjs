#!/usr/bin/env node
// Rewrites test/durations.json, the seconds each test file took, from a vitest JSON report:
//   npx vitest run --reporter=json --outputFile=/tmp/report.json && node test/support/durations.mjs /tmp/report.json
// Run it on a quiet machine after adding or slowing a test file; the order it gives is all it changes.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const report = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
const root = process.cwd();
const seconds = Object.fromEntries(
  report.testResults
    .map((t) => [relative(root, t.name), Math.round((t.endTime - t.startTime) / 100) / 10])
    .sort(([a], [b]) => (a < b ? -1 : 1)),
);
writeFileSync(new URL('../durations.json', import.meta.url), `${JSON.stringify(seconds, null, 2)}\n`);
console.log(`${Object.keys(seconds).length} files -> test/durations.json`);
