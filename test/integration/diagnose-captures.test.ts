import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosisSchema } from '../../src/engine/diagnosis.js';
import { diagnoseInProcess } from '../support/in-process-cli.js';
import { prepareScenario, runClawops, type Scenario, scenariosOf, VERSIONS } from '../support/scenario.js';

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.stop();
  scenario = undefined;
});

/**
 * Diagnoses a captured scenario with `clawops diagnose --json`: in this process (the verdict is
 * what these tests are about), or, given `cli`, as the real subprocess, for the scenarios that
 * also hold the CLI to its output and exit code.
 */
async function diagnoseScenario(
  name: string,
  opts: Parameters<typeof prepareScenario>[1] = {},
  via: 'in-process' | 'cli' = 'in-process',
) {
  scenario = await prepareScenario(name, opts);
  const run =
    via === 'cli'
      ? await runClawops(['diagnose', '--json'], scenario.env)
      : await diagnoseInProcess(['--json'], scenario.env);
  return { run, diagnosis: DiagnosisSchema.parse(JSON.parse(run.stdout)), scenario };
}

/** A captured time of day as the scenario's copy shows it. */
const clockOf = (s: Scenario, iso: string): string => s.moved(iso).toISOString().slice(11, 19);

/** Commands a diagnosis must never run by default: slow, hanging on a stopped gateway, or not read-only. */
const FORBIDDEN = [/--probe/, /^status/, /^health/, /--fix/, /--non-interactive/, /restart/];
/** Doctor costs 14 s and more: only verdicts that the cheap probes cannot settle may pay for it. */
const NEEDS_DOCTOR = new Set(['config_invalid', 'unknown']);

/** The scenarios whose first check runs the built CLI as a subprocess: one healthy, two not. */
const THROUGH_THE_CLI = new Set(['healthy', 'invalid_key_401', 'gateway_down']);
/** The version whose captures the CLI subprocess runs check. */
const LATEST = '2026.9.6';

/**
 * Where a version's real output supports only another verdict than the lab's label, the one an
 * operator would accept, and why. Keyed `<version>/<scenario>`.
 */
const WEAKER: Readonly<Record<string, { label: string; why: string }>> = {};

/** The same, for the run without the log file, where `openclaw logs --json` is all there is. */
const WEAKER_WITHOUT_FILE: Readonly<Record<string, { label: string; why: string }>> = {
  '2026.3.13/invalid_key_401': {
    label: 'healthy',
    why:
      'the captured `openclaw logs --json` was killed after 60 s without a line (exit 137) and the 401 ' +
      'is only in the log: models status shows a usable key, so "healthy, the log could not be read" ' +
      'at medium confidence is what clawops can honestly say',
  },
};

/** Every version's every capture: `[version, scenario]`. */
const CASES = VERSIONS.flatMap((v) => scenariosOf(v).map((s) => [v, s] as const));

const expectedOf = (version: string, s: Scenario): string =>
  WEAKER[`${version}/${s.name}`]?.label ?? s.meta.expected_label;

describe.each(CASES)('OpenClaw %s, captured scenario %s', (version, name) => {
  it('gets the label the lab expected, with the exit code that goes with it', async () => {
    const via = version === LATEST && THROUGH_THE_CLI.has(name) ? 'cli' : 'in-process';
    const { run, diagnosis, scenario: s } = await diagnoseScenario(name, { version }, via);
    const expected = expectedOf(version, s);
    expect(diagnosis.verdict.label).toBe(expected);
    expect(run.code).toBe(expected === 'healthy' ? 0 : 1);
    expect(diagnosis.host).toBe('gw-test');
    expect(diagnosis.openclawVersion).toBe(version);
    expect(diagnosis.findings[0]?.label).toBe(diagnosis.verdict.label);
    // The log file was there (where `gateway status` says, not at today's default path).
    expect(s.calls().map((c) => c.args.join(' '))).not.toContain('logs --limit 200 --json');
    for (const call of s.calls()) {
      const argv = call.args.join(' ');
      for (const forbidden of FORBIDDEN) expect(argv).not.toMatch(forbidden);
      if (!NEEDS_DOCTOR.has(diagnosis.verdict.label)) expect(argv).not.toMatch(/^doctor/);
    }
  });

  it('gets the same label from `openclaw logs --json` when the log file is not there, and says so', async () => {
    const { diagnosis, scenario: s } = await diagnoseScenario(name, { version, logFile: false });
    const weaker = WEAKER_WITHOUT_FILE[`${version}/${name}`];
    expect(diagnosis.verdict.label).toBe(weaker?.label ?? expectedOf(version, s));
    const said = diagnosis.findings[0]?.evidence.map((e) => e.text).join('\n');
    if (weaker) {
      expect(diagnosis.verdict.confidence).not.toBe('high');
      expect(said).toMatch(/the gateway log could not be read/);
    }
    expect(said).toMatch(
      /log file .*openclaw-\d{4}-\d\d-\d\d\.log is not there; read `openclaw logs --json` instead/,
    );
    expect(s.calls().map((c) => c.args.join(' '))).toContain('logs --limit 200 --json');
  });
});

describe('what a verdict carries', () => {
  it('names the first failure behind a cooldown as its cause', async () => {
    const { diagnosis } = await diagnoseScenario('cooldown');
    expect(diagnosis.verdict).toMatchObject({
      label: 'cooldown',
      cause: 'rate_limited',
      owner: 'openclaw-cooldown',
    });
    expect(
      diagnosis.findings[0]?.evidence.some(
        (e) => e.text.startsWith('first failure:') && /rate limit/i.test(e.text),
      ),
    ).toBe(true);
    expect(diagnosis.findings[0]?.fixes).toEqual(['wait-rate-limit', 'clear-cooldown']);
  });

  it('reports the billing-disabled profile with its end and remaining time', async () => {
    const { diagnosis, scenario: s } = await diagnoseScenario('billing');
    expect(diagnosis.authRoute?.fingerprint).toMatch(/^sk-ant-a…0000#[0-9a-f]{8}$/);
    expect(diagnosis.cooldowns).toEqual([
      {
        profileId: 'anthropic:default',
        provider: 'anthropic',
        kind: 'disabled',
        reason: 'billing',
        until: s.moved(1795553884515).toISOString(),
        remainingMs: 559378,
      },
    ]);
  });

  it('reports the auth route with fingerprints and the stale key it shadows, never the key', async () => {
    const { diagnosis, run } = await diagnoseScenario('env_override', {}, 'cli');
    expect(diagnosis.authRoute).toMatchObject({
      provider: 'anthropic',
      source: 'profile',
      profileId: 'anthropic:default',
    });
    expect(diagnosis.authRoute?.fingerprint).toMatch(/^sk-ant-a…0000#[0-9a-f]{8}$/);
    expect(diagnosis.authRoute?.shadowed).toEqual([
      {
        source: 'env:ANTHROPIC_API_KEY',
        fingerprint: expect.stringMatching(/^sk-ant-api03…9999#[0-9a-f]{8}$/),
      },
    ]);
    expect(diagnosis.verdict.confidence).toBe('high');
    expect(run.stdout).not.toContain('sk-ant-api03-FAKE-lab-STALE-key-9999');
    expect(diagnosis.findings[0]?.evidence.map((e) => e.text).join('\n')).toMatch(
      /ANTHROPIC_BASE_URL=http:\/\/127\.0\.0\.1:18998/,
    );
  });

  it('flags that models status looks fine while Anthropic rejects the key', async () => {
    const { diagnosis } = await diagnoseScenario('invalid_key_401');
    const evidence = diagnosis.findings[0]?.evidence ?? [];
    expect(evidence.some((e) => e.source === 'logs' && /HTTP 401/.test(e.text))).toBe(true);
    expect(evidence.some((e) => e.source === 'models-status' && /does not test the key/.test(e.text))).toBe(
      true,
    );
  });

  it('measures "recent" from the clock: a quiet gateway whose last failure is hours old is not failing now', async () => {
    const { diagnosis } = await diagnoseScenario('invalid_key_401', { capturedAgoMs: 3 * 60 * 60_000 });
    expect(diagnosis.verdict.label).toBe('healthy');
    expect(diagnosis.findings.map((f) => f.label)).not.toContain('invalid_key');
  });

  it('counts failed model calls, not the log lines that repeat them', async () => {
    const first = await diagnoseScenario('invalid_key_401');
    expect(first.diagnosis.verdict.summary).toMatch(
      new RegExp(` Seen at ${clockOf(first.scenario, '2026-11-24T20:39:28Z')}\\.$`),
    );
    await scenario?.stop();
    // One turn: the first call and nine same-model retries.
    const retried = await diagnoseScenario('rate_limited_429');
    const [from, to] = ['2026-11-24T21:30:51Z', '2026-11-24T21:33:20Z'].map((t) =>
      clockOf(retried.scenario, t),
    );
    expect(retried.diagnosis.verdict.summary).toMatch(
      new RegExp(` Seen 10 times between ${from} and ${to}\\.$`),
    );
  });

  it('asks doctor when the config is broken, and shows what it said', async () => {
    const { diagnosis, scenario: s } = await diagnoseScenario('malformed_config');
    expect(s.calls().map((c) => c.args.join(' '))).toContain('doctor --json');
    expect(diagnosis.verdict.summary).toMatch(/JSON5/);
    expect(diagnosis.probes.map((p) => p.name)).toContain('doctor');
    expect(diagnosis.findings[0]?.evidence).toContainEqual({
      source: 'doctor',
      text: expect.stringMatching(/^doctor: JSON5 parse failed/),
    });
  });

  it('proves a stopped gateway from its port, without the commands that hang on it', async () => {
    const { diagnosis, scenario: s } = await diagnoseScenario('gateway_down');
    expect(diagnosis.findings[0]?.evidence[0]).toMatchObject({
      source: 'port',
      text: expect.stringMatching(/refused/),
    });
    const ran = s.calls().map((c) => c.args[0]);
    expect(ran).not.toContain('health');
    expect(ran).not.toContain('status');
  });
});
