import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/scenario.js';

/** The p-th percentile of samples (nearest rank), `NaN` for none. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** `unit` repeated to exactly `length` characters (adversarial inputs of a given size). */
export const repeated = (unit: string, length: number): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Writes a benchmark's figures to bench/<file> (JSON, one per benchmark, read by `npm run bench`). */
export function writeBenchResult(file: string, value: unknown): void {
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', file), `${JSON.stringify(value, null, 2)}\n`);
}
