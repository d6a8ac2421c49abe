import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosisSchema } from '../../src/engine/diagnosis.js';
import { diagnoseInProcess } from '../support/in-process-cli.js';
import { prepareScenario, runClawops, type Scenario, type ScenarioOptions } from '../support/scenario.js';

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.stop();
  scenario = undefined;
});

/**
 * `clawops diagnose --json` on a captured scenario. Where the test is about the verdict the
 * verb runs in this process (the probes still run the fake `openclaw` as subprocesses); where it
 * is about the process (its exit code, its stderr) it runs as `clawops` itself.
 */
async function diagnose(
  name: string,
  opts: ScenarioOptions = {},
  args: string[] = [],
  how: 'in-process' | 'subprocess' = 'in-process',
) {
  scenario = await prepareScenario(name, opts);
  const run =
    how === 'subprocess'
      ? await runClawops(['diagnose', '--json', ...args], scenario.env)
      : await diagnoseInProcess(['--json', ...args], scenario.env);
  return { run, diagnosis: DiagnosisSchema.parse(JSON.parse(run.stdout)), scenario };
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a probe that hangs', () => {
  it('is killed at its timeout, and the verdict comes from the rest', async () => {
    const started = Date.now();
    const { diagnosis, scenario: s } = await diagnose('invalid_key_401', {
      hang: ['models_status_json'],
      env: { CLAWOPS_PROBE_TIMEOUT_MS: '1500' },
    });
    expect(diagnosis.verdict.label).toBe('invalid_key');
    expect(diagnosis.verdict.confidence).toBe('medium');
    const hung = diagnosis.probes.find((p) => p.name === 'models-status');
    expect(hung).toMatchObject({ timedOut: true, exitCode: null });
    expect(hung?.durationMs).toBeGreaterThanOrEqual(1500);
    expect(Date.now() - started).toBeLessThan(20_000);
    const said = diagnosis.findings[0]?.evidence.map((e) => e.text).join('\n');
    expect(said).toMatch(/models status --json` gave no answer within 2 s and was stopped/);
    const pid = s.calls().find((c) => c.args.join(' ') === 'models status --json')?.pid;
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid as number)).toBe(false);
  });
});

describe('a missing or broken openclaw', () => {
  it('gives openclaw_missing when the executable does not exist', async () => {
    const { run, diagnosis } = await diagnose(
      'healthy',
      { env: { OPENCLAW_BIN: '/nonexistent/openclaw' } },
      [],
      'subprocess',
    );
    expect(diagnosis.verdict).toMatchObject({
      label: 'openclaw_missing',
      owner: 'worker-host',
      confidence: 'high',
    });
    expect(diagnosis.verdict.summary).toContain('/nonexistent/openclaw');
    expect(run.code).toBe(1);
  });

  it('gives openclaw_missing when the file is not executable', async () => {
    scenario = await prepareScenario('healthy');
    const bin = join(scenario.dir, 'openclaw-not-executable');
    writeFileSync(bin, '#!/bin/sh\necho hi\n');
    chmodSync(bin, 0o644);
    const run = await diagnoseInProcess(['--json'], { ...scenario.env, OPENCLAW_BIN: bin });
    expect(JSON.parse(run.stdout).verdict.label).toBe('openclaw_missing');
  });

  it('takes --openclaw-bin over OPENCLAW_BIN', async () => {
    scenario = await prepareScenario('billing');
    const run = await diagnoseInProcess(['--json', '--openclaw-bin', scenario.env.OPENCLAW_BIN as string], {
      ...scenario.env,
      OPENCLAW_BIN: '/nonexistent/openclaw',
    });
    expect(JSON.parse(run.stdout).verdict.label).toBe('billing');
  });
});

describe('garbage output', () => {
  it('gives a verdict, not a crash, and says what it could not read', async () => {
    const { run, diagnosis } = await diagnose(
      'healthy',
      { garbage: ['gateway_status_json', 'models_status_json'] },
      [],
      'subprocess',
    );
    expect(run.stderr).toBe('');
    expect(diagnosis.verdict.label).toBe('unknown');
    expect(diagnosis.verdict.confidence).toBe('low');
    expect(diagnosis.verdict.summary).toMatch(/could not read/);
  });

  it('still finds the failure in the log when models status prints garbage', async () => {
    const { diagnosis } = await diagnose('permission_403', { garbage: ['models_status_json'] });
    expect(diagnosis.verdict.label).toBe('permission_denied');
    expect(diagnosis.authRoute).toBeNull();
  });
});

describe('an OpenClaw without --json', () => {
  it.each([
    ['billing', 'billing'],
    ['oauth_refresh_failed', 'oauth_refresh_failed'],
    ['env_override', 'env_override'],
    ['gateway_down', 'gateway_down'],
    ['gateway_client_auth', 'gateway_client_auth'],
    ['invalid_key_401', 'invalid_key'],
  ])('reads the text forms for %s', async (name, label) => {
    const { diagnosis, scenario: s } = await diagnose(name, {
      noJson: ['gateway_status_json', 'models_status_json'],
      logFile: false,
    });
    expect(diagnosis.verdict.label).toBe(label);
    const ran = s.calls().map((c) => c.args.join(' '));
    expect(ran).toEqual(
      expect.arrayContaining([
        'gateway status --json',
        'gateway status',
        'models status --json',
        'models status',
      ]),
    );
  });
});

describe('--deep', () => {
  it('also asks doctor, status and health when the gateway is up', async () => {
    const { diagnosis, scenario: s } = await diagnose('healthy', {}, ['--deep']);
    expect(diagnosis.verdict.label).toBe('healthy');
    const ran = s.calls().map((c) => c.args.join(' '));
    expect(ran).toEqual(expect.arrayContaining(['doctor --json', 'status --json', 'health --json']));
    expect(ran.some((a) => a.includes('--probe'))).toBe(false);
  });

  it('leaves out status and health, which hang on a stopped gateway', async () => {
    const { diagnosis, scenario: s } = await diagnose('gateway_down', {}, ['--deep']);
    expect(diagnosis.verdict.label).toBe('gateway_down');
    const ran = s.calls().map((c) => c.args[0]);
    expect(ran).toContain('doctor');
    expect(ran).not.toContain('status');
    expect(ran).not.toContain('health');
  });
});

describe('the gateway environment', () => {
  it('is not read from a pid that is not an OpenClaw gateway, and the report says so', async () => {
    const { diagnosis } = await diagnose('env_override', {
      env: { FAKE_OPENCLAW_GATEWAY_PID: String(process.pid) },
    });
    expect(diagnosis.verdict).toMatchObject({ label: 'env_override', confidence: 'medium' });
    const evidence = diagnosis.findings[0]?.evidence ?? [];
    expect(evidence.some((e) => e.source === 'gateway-env')).toBe(false);
    expect(evidence).toContainEqual({
      source: 'clawops',
      text: expect.stringMatching(
        new RegExp(`^gateway environment not read: pid ${process.pid} is not an OpenClaw gateway`),
      ),
    });
  });
});
