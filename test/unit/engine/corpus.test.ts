import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LABELS, type Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * `explain` on every row of the real-world corpus (test/fixtures/corpus/README.md). Rules are tuned
 * on the train split; of the holdout only the numbers are printed, never its rows.
 */

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/corpus');

type Row = {
  id: string;
  text: string;
  label: Label;
  accepted: Label[];
  cause?: Label;
  shapes: string[];
  split: 'train' | 'holdout';
};

const rows: Row[] = readFileSync(join(DIR, 'corpus.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Row);

const results = rows.map((row) => {
  const { verdict } = explain(row.text);
  return {
    row,
    got: verdict.label,
    rule: verdict.rule ?? '-',
    right: verdict.label === row.label || row.accepted.includes(verdict.label),
    causeRight: row.cause === undefined ? undefined : verdict.cause === row.cause,
  };
});
type Result = (typeof results)[number];

const share = (of: readonly Result[]): number =>
  of.length === 0 ? 1 : of.filter((r) => r.right).length / of.length;
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const train = results.filter((r) => r.row.split === 'train');
const holdout = results.filter((r) => r.row.split === 'holdout');

function causeLine(of: readonly Result[]): string {
  const withCause = of.filter((r) => r.causeRight !== undefined);
  return `${withCause.filter((r) => r.causeRight).length}/${withCause.length}`;
}

console.table(
  Object.fromEntries(
    [
      ['train', train],
      ['holdout', holdout],
      ['all', results],
    ].map(([name, of]) => {
      const r = of as Result[];
      return [
        name,
        {
          rows: r.length,
          right: r.filter((x) => x.right).length,
          accuracy: pct(share(r)),
          'cooldown cause right': causeLine(r),
        },
      ];
    }),
  ),
);
const perLabel = LABELS.map((label) => {
  const of = results.filter((r) => r.row.label === label);
  return [label, { rows: of.length, accuracy: pct(share(of)) }] as const;
});
console.table(Object.fromEntries(perLabel));
const trainMisses = train.filter((r) => !r.right);
if (trainMisses.length > 0) {
  console.table(trainMisses.map((r) => ({ id: r.row.id, expected: r.row.label, got: r.got, rule: r.rule })));
}
const trainCauseMisses = train.filter((r) => r.right && r.causeRight === false);
if (trainCauseMisses.length > 0) {
  console.table(
    trainCauseMisses.map((r) => ({
      id: r.row.id,
      expected: r.row.cause,
      got: explain(r.row.text).verdict.cause,
    })),
  );
}

/** The shape tags the corpus README lists: "Shapes: `provider-body`, `kv-record`, …". */
function readmeShapes(): string[] {
  const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
  const list = /^Shapes: ([\s\S]*?)\.\n/m.exec(readme)?.[1] ?? '';
  return [...list.matchAll(/`([a-z-]+)`/g)].map((m) => m[1] as string);
}

describe('the real-world corpus', () => {
  it('has the rows its README promises', () => {
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(holdout.length).toBeGreaterThan(0);
    const shapes = readmeShapes();
    expect(shapes.length).toBeGreaterThan(10);
    for (const shape of shapes)
      expect(
        rows.some((r) => r.shapes.includes(shape)),
        shape,
      ).toBe(true);
  });

  // Floors are the values measured when the rules were last tuned and the model last trained,
  // rounded down, so a change that makes the classifier worse fails here. The targets: train 97 %,
  // holdout 93 %, every label 85 %.
  it('gets the train split right', () => {
    expect(share(train)).toBeGreaterThanOrEqual(0.993); // measured 99.4 % (2082/2094)
  });

  it('gets the holdout right', () => {
    expect(share(holdout)).toBeGreaterThanOrEqual(0.884); // measured 88.4 % (620/701)
  });

  it.each(perLabel.filter(([, s]) => s.rows > 0).map(([label]) => label))('gets %s right', (label) => {
    expect(share(results.filter((r) => r.row.label === label))).toBeGreaterThanOrEqual(0.89); // lowest: healthy 89.2 % (116/130)
  });
});
