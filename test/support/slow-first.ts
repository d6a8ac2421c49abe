import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Longest files first, so that the integration tests' long waits (a killed bot's liveness, a
 * stalled job, a quiet window) overlap instead of trailing at the end of the run. vitest orders by
 * the durations of its previous run on this machine; a fresh clone has none, so the seconds in
 * test/durations.json (a quiet run's, refreshed with `node test/support/durations.mjs`) stand in.
 * Only the order changes: every file still runs.
 */
export class SlowFirst extends BaseSequencer {
  readonly #table: Readonly<Record<string, number>> = JSON.parse(
    readFileSync(new URL('../durations.json', import.meta.url), 'utf8'),
  );

  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (spec: TestSpecification): number => {
      const path = relative(root, spec.moduleId);
      const ran = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`);
      return ran ? ran.duration / 1000 : (this.#table[path] ?? 0);
    };
    return [...files].sort((a, b) => seconds(b) - seconds(a));
  }
}
