import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/scenario.js';

/*
 * The deployment files against the tools that check them, run as subprocesses: systemd's
 * `systemd-analyze verify` for the units and Prometheus' `promtool` (Debian package `prometheus`)
 * for the alert rules. What needs no tool is checked in test/unit/deploy.test.ts and
 * test/unit/monitoring.test.ts.
 */

const RULES = join(ROOT, 'deploy/prometheus/clawops-rules.yml');
type Rule = { alert: string; expr: string; labels?: Record<string, string> };
const rules = (parse(readFileSync(RULES, 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap(
  (g) => g.rules,
);

function promtool(...args: string[]) {
  const r = spawnSync('promtool', args, { encoding: 'utf8' });
  if (r.error)
    throw new Error(`promtool is needed for this test: apt-get install prometheus (${String(r.error)})`);
  return r;
}

describe('systemd units', () => {
  const analyze = spawnSync('systemd-analyze', ['--version']).status === 0;
  it.skipIf(!analyze)('has units systemd-analyze verify reads without a warning', () => {
    const runtime = mkdtempSync(join(tmpdir(), 'clawops-units-'));
    try {
      for (const [args, files] of [
        [[], ['clawops-worker.service', 'clawops-bot.service']],
        [['--user'], ['user/clawops-worker.service', 'user/clawops-bot.service']],
      ] as const) {
        const run = spawnSync(
          'systemd-analyze',
          [...args, 'verify', ...files.map((f) => join(ROOT, 'deploy/systemd', f))],
          { encoding: 'utf8', env: { ...process.env, XDG_RUNTIME_DIR: runtime } },
        );
        expect(`${run.stdout}${run.stderr}`).toBe('');
        expect(run.status).toBe(0);
      }
    } finally {
      rmSync(runtime, { recursive: true, force: true });
    }
  });
});

describe('Prometheus rules', () => {
  it('passes promtool check rules, with the four alerts the runbook asks for', () => {
    const r = promtool('check', 'rules', RULES);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`SUCCESS: ${rules.length} rules found`));
    expect(rules.map((x) => x.alert)).toEqual(
      expect.arrayContaining([
        'ClawopsWorkerSilent',
        'ClawopsDiagnosesFailing',
        'ClawopsQueueDepthGrowing',
        'ClawopsAlertDeliveryFailing',
      ]),
    );
    for (const rule of rules) expect(rule.labels?.severity).toMatch(/^(critical|warning|info)$/);
  });

  it('is failed by promtool when a rule is broken, so the check above means something', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clawops-rules-'));
    try {
      const broken = join(dir, 'broken.yml');
      writeFileSync(
        broken,
        'groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: rate(clawops_requests_total[5m]\n',
      );
      expect(promtool('check', 'rules', broken).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
