import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMetrics } from '../../src/observe/metrics.js';
import { ROOT } from '../support/scenario.js';

/*
 * deploy/prometheus/clawops-rules.yml and deploy/grafana/clawops.json against the metrics clawops
 * exports. Prometheus' own checker (promtool) runs in test/integration/deploy-checkers.test.ts.
 */

const RULES = join(ROOT, 'deploy/prometheus/clawops-rules.yml');
type Rule = { alert: string; expr: string; for?: string; labels?: Record<string, string> };
const rules = (parse(readFileSync(RULES, 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap(
  (g) => g.rules,
);
type Panel = { id: number; title: string; targets: { expr: string }[] };
const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/grafana/clawops.json'), 'utf8')) as {
  uid: string;
  panels: Panel[];
};

/** Labels every sample carries besides its own: the process role, and what Prometheus adds. */
const COMMON_LABELS = ['role', 'instance', 'job'];

/** Every metric the bot and the worker export, with the labels each may carry. */
function exported(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const role of ['bot', 'worker'] as const) {
    const { registry } = createMetrics(
      role,
      async () => [],
      async () => ({ live: 0, silent: 0 }),
    );
    for (const metric of registry.getMetricsAsArray()) {
      const {
        name,
        labelNames = [],
        type,
      } = metric as unknown as {
        name: string;
        labelNames?: string[];
        type: string;
      };
      const labels = new Set([...labelNames, ...COMMON_LABELS]);
      const names = type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
      for (const n of names) out.set(n, n.endsWith('_bucket') ? new Set([...labels, 'le']) : labels);
    }
  }
  return out;
}

/** What an expression names that clawops does not export: unknown metrics, or labels a metric lacks. */
function unknownIn(expr: string, metrics: Map<string, Set<string>>): string[] {
  const problems: string[] = [];
  for (const [, name, selector] of expr.matchAll(/\b(clawops_\w+)(?:\{([^}]*)\})?/g)) {
    const labels = metrics.get(name as string);
    if (!labels) {
      problems.push(name as string);
      continue;
    }
    for (const [, label] of (selector ?? '').matchAll(/(\w+)\s*(?:=~|!~|!=|=)/g))
      if (!labels.has(label as string)) problems.push(`${name}{${label}}`);
  }
  return problems;
}

describe('Prometheus rules and Grafana dashboard', () => {
  it('names only metrics and labels that src/observe/metrics.ts exports', () => {
    const metrics = exported();
    const exprs = [
      ...rules.map((r) => r.expr),
      ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)),
    ];
    expect(exprs.length).toBeGreaterThan(15);
    for (const expr of exprs) {
      expect(expr).toMatch(/clawops_\w+/);
      expect(unknownIn(expr, metrics), expr).toEqual([]);
    }
    // And the check catches a misspelt metric or a label the metric lacks.
    expect(unknownIn('rate(clawops_request_total[5m])', metrics)).toEqual(['clawops_request_total']);
    expect(unknownIn('clawops_workers{host="gw-1"}', metrics)).toEqual(['clawops_workers{host}']);
  });

  it('has a panel with a query for each figure, each panel id once', () => {
    expect(dashboard.uid).toBe('clawops');
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dashboard.panels) expect(p.targets.length, p.title).toBeGreaterThan(0);
  });
});
