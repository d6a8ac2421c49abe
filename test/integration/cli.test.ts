import { afterEach, describe, expect, it } from 'vitest';
import { prepareScenario, runClawops, type Scenario } from '../support/scenario.js';

const ENV = { PATH: process.env.PATH ?? '' };

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.stop();
  scenario = undefined;
});

describe('clawops usage', () => {
  it('lists the commands with --help and exits 0', async () => {
    const run = await runClawops(['--help'], ENV);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: clawops <command>/);
    for (const verb of ['diagnose', 'explain', 'cooldown']) expect(run.stdout).toContain(`  ${verb}`);
  });

  it('prints usage on stderr and exits 2 without a command', async () => {
    const run = await runClawops([], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Usage: clawops/);
  });

  it.each(['diagnose', 'explain', 'cooldown'])('has --help for %s', async (verb) => {
    const run = await runClawops([verb, '--help'], ENV);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: clawops ${verb}`));
    expect(run.stdout).toMatch(/Exit codes:/);
  });

  it('names an unknown command and exits 2', async () => {
    const run = await runClawops(['diagnoze'], ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "diagnoze"');
  });

  it('rejects an unknown flag with a pointer to the help, and runs nothing', async () => {
    scenario = await prepareScenario('healthy');
    const run = await runClawops(['diagnose', '--jsn'], scenario.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown option '--jsn'[\s\S]*clawops diagnose --help/);
    expect(scenario.calls()).toEqual([]);
  });

  it('reports every bad setting at once and exits 2', async () => {
    const run = await runClawops(['diagnose'], {
      ...ENV,
      CLAWOPS_LOG_LEVEL: 'loud',
      CLAWOPS_PROBE_TIMEOUT_MS: '5',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/invalid configuration/);
    expect(run.stderr).toMatch(/CLAWOPS_LOG_LEVEL/);
    expect(run.stderr).toMatch(/CLAWOPS_PROBE_TIMEOUT_MS/);
  });

  it('prints its version', async () => {
    const run = await runClawops(['--version'], ENV);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('clawops diagnose report', () => {
  it('puts the verdict first, then owner, evidence and copyable next steps', async () => {
    scenario = await prepareScenario('permission_403');
    const run = await runClawops(['diagnose'], scenario.env);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('✖ gw-test: permission_denied — Anthropic refused access (403)');
    expect(lines[1]).toMatch(/^Owner: anthropic-account {3}Confidence: high/);
    expect(run.stdout).toMatch(/Evidence\n {2}logs .*HTTP 403/);
    expect(run.stdout).toMatch(/Next steps\n {2}1\. /);
    expect(run.stdout).toContain('$ openclaw models status --json');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('exits 0 and says so for a healthy host', async () => {
    scenario = await prepareScenario('healthy');
    const run = await runClawops(['diagnose'], scenario.env);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('✔ gw-test: healthy — Anthropic route healthy');
  });
});

describe('clawops explain', () => {
  it('reads standard input when no text is given', async () => {
    const run = await runClawops(
      ['explain', '--json'],
      ENV,
      '⚠️ API rate limit reached. Please try again later.\n',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).verdict).toMatchObject({
      label: 'rate_limited',
      owner: 'anthropic-account',
    });
  });

  it('takes the text as arguments and prints a report', async () => {
    const run = await runClawops(
      ['explain', 'unauthorized: gateway token mismatch (provide gateway auth token)'],
      ENV,
    );
    expect(run.stdout.split('\n')[0]).toBe(
      '✖ gateway_client_auth — Wrong page: the gateway refused the client',
    );
  });

  it('refuses empty input with exit 2', async () => {
    const run = await runClawops(['explain', '-'], ENV, '   \n');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nothing to explain/);
  });
});

describe('clawops cooldown', () => {
  it('lists the disabled profile with reason and time left, and exits 1', async () => {
    scenario = await prepareScenario('billing');
    const run = await runClawops(['cooldown'], scenario.env);
    expect(run.code).toBe(1);
    const until = scenario.moved('2026-11-24T20:58:04.515Z').toISOString().replaceAll('.', '\\.');
    expect(run.stdout).toMatch(new RegExp(`anthropic:default\\s+disabled\\s+billing\\s+${until}\\s+10 min`));
  });

  it('shows the cause of a cooldown seen only in the log, as JSON', async () => {
    scenario = await prepareScenario('cooldown');
    const run = await runClawops(['cooldown', '--json'], scenario.env);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({
      schemaVersion: 1,
      host: 'gw-test',
      verdict: { label: 'cooldown', cause: 'rate_limited' },
    });
    expect(run.code).toBe(1);
  });

  it('exits 0 when nothing cools down', async () => {
    scenario = await prepareScenario('healthy');
    const run = await runClawops(['cooldown'], scenario.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('gw-test: no Anthropic profile is cooling down or disabled.');
  });
});
