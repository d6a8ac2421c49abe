/**
 * The failover routes and agents of a diagnosis, against the real OpenClaw 2026.9.6 captures of
 * test/e2e/routes-scenario.sh: a primary with a working fallback, a fallback without a key, both
 * routes disabled, and a second agent whose route has no credential.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Diagnosis, DiagnosisSchema } from '../../src/engine/diagnosis.js';
import { diagnoseInProcess } from '../support/in-process-cli.js';
import { prepareScenario, runClawops, type Scenario } from '../support/scenario.js';

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.stop();
  scenario = undefined;
});

/**
 * `clawops diagnose --json` in this process: these tests are about the verdict (the probes still
 * run the fake `openclaw`); the refusals go through `clawops` itself.
 */
async function diagnoseScenario(name: string, args: readonly string[] = []) {
  scenario = await prepareScenario(name);
  const run = await diagnoseInProcess(['--json', ...args], scenario.env);
  return { run, diagnosis: DiagnosisSchema.parse(JSON.parse(run.stdout)), scenario };
}

const states = (d: Diagnosis) => d.routes.map((r) => [`${r.provider}/${r.model}`, r.role, r.state, r.reason]);

describe('routes of the real captures', () => {
  it('a billing-disabled primary fails over to a keyed fallback that carries the traffic', async () => {
    const { diagnosis: d, scenario: s } = await diagnoseScenario('routes_fallback_ok');
    expect(d.verdict.label).toBe('billing');
    expect(states(d)).toEqual([
      ['anthropic/claude-opus-5', 'primary', 'disabled', 'billing'],
      ['openai/gpt-5', 'fallback', 'usable', null],
    ]);
    expect(d.routes[0]?.lastFailure).toMatchObject({
      label: 'billing',
      // The last line that shows it: the lane's error that repeats the call's.
      at: s.moved('2026-12-01T12:01:57.255Z').toISOString(),
    });
    expect(d.routes[1]?.auth).toEqual({
      source: 'config',
      fingerprint: expect.stringMatching(/^sk-proj-…0000#/),
    });
    expect(d.failover?.conclusion).toBe(
      'anthropic is disabled (billing); traffic goes to openai/gpt-5 — usable',
    );
    // A fallback that works is no finding.
    expect(d.findings.filter((f) => f.provider)).toEqual([]);
  });

  it('a healthy primary with a fallback that has no key: healthy, with the fallback finding below it', async () => {
    const { run, diagnosis: d } = await diagnoseScenario('routes_fallback_no_key');
    expect(d.verdict.label).toBe('healthy');
    expect(run.code).toBe(0);
    expect(states(d)).toEqual([
      ['anthropic/claude-opus-5', 'primary', 'usable', null],
      [
        'openai/gpt-5',
        'fallback',
        'missing_credential',
        'No usable api-key authentication is available for openai/gpt-5.',
      ],
    ]);
    expect(d.failover).toMatchObject({
      next: 'openai/gpt-5',
      usable: true,
      conclusion:
        'no usable fallback: if anthropic fails, every route would fail (openai/gpt-5: no credential)',
    });
    expect(d.findings.map((f) => [f.label, f.provider ?? null])).toEqual([
      ['healthy', null],
      ['missing_auth', 'openai'],
    ]);
    expect(d.findings[1]?.fixes).toEqual(['add-provider-key']);
  });

  it('both routes disabled for billing: cooldown caused by billing, and no usable fallback', async () => {
    const { diagnosis: d } = await diagnoseScenario('routes_all_cooldown');
    expect(d.verdict).toMatchObject({ label: 'cooldown', cause: 'billing' });
    expect(states(d)).toEqual([
      ['anthropic/claude-opus-5', 'primary', 'disabled', 'billing'],
      ['openai/gpt-5', 'fallback', 'disabled', 'billing'],
    ]);
    expect(d.routes[1]?.lastFailure?.label).toBe('billing');
    expect(d.routes[1]?.auth).toEqual({
      source: 'profile',
      profileId: 'openai:manual',
      fingerprint: expect.stringMatching(/^sk-proj-…0000#\w{8}$/),
    });
    expect(d.failover).toMatchObject({
      usable: false,
      conclusion: 'no usable fallback: every route would fail',
    });
    const fallback = d.findings.find((f) => f.provider === 'openai');
    expect(fallback).toMatchObject({ label: 'billing', title: 'Fallback openai/gpt-5: disabled (billing)' });
    expect(d.findings.indexOf(fallback as never)).toBeGreaterThan(0);
  });

  it('prints the route table and its conclusion in the terminal report', async () => {
    scenario = await prepareScenario('routes_all_cooldown');
    const run = await diagnoseInProcess([], scenario.env);
    expect(run.stdout).toContain('Routes: no usable fallback: every route would fail');
    expect(run.stdout).toMatch(
      / {2}1 {2}anthropic\/claude-opus-5 +profile sk-ant-a…0000#\w{8} +disabled \(billing\) until/,
    );
    expect(run.stdout).toMatch(
      / {2}2 {2}openai\/gpt-5 +profile sk-proj-…0000#\w{8} +disabled \(billing\) until/,
    );
  });
});

describe('agents of the real captures', () => {
  it('reads every agent and finds the one whose route has no credential, with the command', async () => {
    const { run, diagnosis: d, scenario: s } = await diagnoseScenario('routes_agent_no_auth');
    expect(d.verdict.label).toBe('healthy');
    expect(run.code).toBe(0);
    expect(d.agents).toEqual([
      { id: 'main', isDefault: true, primary: 'anthropic/claude-opus-5', credential: 'profile' },
      { id: 'work', isDefault: false, primary: 'openai/gpt-5', credential: 'missing' },
    ]);
    const finding = d.findings.find((f) => f.agent === 'work');
    expect(finding).toMatchObject({
      label: 'missing_auth',
      provider: 'openai',
      title: 'Agent work has no openai credential',
    });
    expect(finding?.evidence.map((e) => e.text)).toContain(
      'give it one: openclaw models auth paste-api-key --provider openai --agent work',
    );
    expect(s.calls().map((c) => c.args.join(' '))).toContain('models status --json --agent work');
  });

  it('diagnoses one agent with --agent: its own route, its own conclusion', async () => {
    const { diagnosis: d, scenario: s } = await diagnoseScenario('routes_agent_no_auth', ['--agent', 'work']);
    expect(d.failover?.agent).toBe('work');
    expect(states(d)).toEqual([
      [
        'openai/gpt-5',
        'primary',
        'missing_credential',
        'No usable api-key authentication is available for openai/gpt-5.',
      ],
    ]);
    expect(d.failover?.conclusion).toBe(
      'no usable route: openai/gpt-5 has no credential and no fallback is configured',
    );
    const models = s.calls().filter((c) => c.args[0] === 'models');
    // Side by side: in no particular order.
    expect(models.map((c) => c.args.join(' ')).sort()).toEqual([
      'models status --json --agent main',
      'models status --json --agent work',
    ]);
  });

  it('refuses an agent the gateway does not have, or a malformed one, and says which it has', async () => {
    scenario = await prepareScenario('routes_agent_no_auth');
    const unknown = await runClawops(['diagnose', '--agent', 'nosuch'], scenario.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/agent "nosuch" is not configured on gw-test; its agents: main, work/);
    const bad = await runClawops(['diagnose', '--agent', 'a b;rm'], scenario.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not an agent id/);
    expect(scenario.calls().filter((c) => c.args.includes('a b;rm'))).toEqual([]);
  });
});
