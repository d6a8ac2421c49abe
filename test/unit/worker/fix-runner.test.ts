import { describe, expect, it } from 'vitest';
import type { FixJob } from '../../../src/core/job.js';
import { createMemoryRestartBudget } from '../../../src/core/restart-budget.js';
import type { DiagnosisRunner } from '../../../src/core/transport.js';
import { diagnose } from '../../../src/engine/diagnose.js';
import type { Observations } from '../../../src/engine/observations.js';
import type { FixSetup } from '../../../src/worker/fix-catalogue.js';
import { createFixRunner } from '../../../src/worker/fix-runner.js';
import { ANSWERED, capturedLine, lineAt, REFUSED } from '../../support/log-lines.js';
import { probe } from '../../support/probe-runs.js';
import { capture } from '../../support/scenario.js';

type Turn = 'refused' | 'answered' | null;

/**
 * A gateway host whose log held a 401 ten minutes ago, diagnosed by the real engine. `turn` is
 * what the next model call after the restart logs, and on which after-check it has arrived.
 */
function gatewayHost(turn: Turn, arrivesOnCheck = 2, cooling = false) {
  const log = [REFUSED(Date.now() - 10 * 60_000)];
  // A later request met the cooled-down profile: the verdict is the cooldown, its cause the key.
  if (cooling)
    log.push(lineAt(capturedLine('cooldown', 'probe_cooldown_candidate'), Date.now() - 9 * 60_000));
  const checks: (Date | undefined)[] = [];
  const models = JSON.parse(capture('healthy', 'models_status_json.out')) as {
    auth: { unusableProfiles?: unknown[] };
  };
  const until = Date.now() + 60_000;
  const unusable = [
    {
      profileId: 'anthropic:default',
      provider: 'anthropic',
      kind: 'cooldown',
      reason: 'auth',
      until,
      remainingMs: 60_000,
    },
  ];
  const runner: DiagnosisRunner = async (_job, ctx) => {
    // The profile cools down until the restart (then the window has ended).
    models.auth.unusableProfiles = cooling && !ctx.since ? unusable : [];
    checks.push(ctx.since);
    const afterChecks = checks.filter(Boolean).length;
    if (ctx.since && turn && afterChecks === arrivesOnCheck)
      log.push((turn === 'refused' ? REFUSED : ANSWERED)(Date.now()));
    const obs: Observations = {
      host: 'gw-1',
      startedAt: new Date(),
      durationMs: 100,
      probes: [
        probe('gateway-status', capture('healthy', 'gateway_status_json.out')),
        probe('models-status', JSON.stringify(models)),
      ],
      port: { host: '127.0.0.1', port: 18789, state: 'open', durationMs: 1 },
      log: { source: 'file', path: '/tmp/openclaw/openclaw.log', text: log.join('\n') },
      notes: [],
      knownSecrets: [],
    };
    return diagnose(ctx.since ? { ...obs, since: ctx.since } : obs);
  };
  return { runner, checks };
}

const SETUP: FixSetup = {
  bin: '/usr/bin/openclaw',
  restart: { kind: 'openclaw' },
  serviceLoaded: false,
  clearCooldown: false,
};

const JOB: FixJob = {
  kind: 'fix',
  requestId: 'req-1',
  host: 'gw-1',
  fix: 'restart-gateway',
  replyTo: 'slack:C1:1.1',
  requestedBy: 'slack:U0ALICE',
  approvedBy: 'slack:U0BOB',
};

function restartOn(runner: DiagnosisRunner, settle = { waitMs: 2_000, pollMs: 20 }) {
  const ran: (readonly string[])[] = [];
  const fix = createFixRunner({
    diagnose: runner,
    setup: Promise.resolve(SETUP),
    budget: createMemoryRestartBudget(),
    restartsPerHour: 3,
    settle,
    execute: async (argv) => {
      ran.push(argv);
      return { argv, exitCode: 0, stdout: '{"ok":true}', stderr: '', durationMs: 5, timedOut: false };
    },
  });
  return { run: () => fix(JOB, { signal: new AbortController().signal }), ran };
}

describe('a fix for a refused key is judged by the model calls after it', () => {
  it('says fixed once a turn after the restart got its answer, waiting for it', async () => {
    const host = gatewayHost('answered');
    const { run, ran } = restartOn(host.runner);
    const r = await run();
    expect(ran).toEqual([['/usr/bin/openclaw', 'gateway', 'restart', '--json']]);
    expect(r.outcome).toBe('fixed');
    expect(r.before.verdict.label).toBe('invalid_key');
    expect(r.after?.verdict.label).toBe('healthy');
    expect(r.reason).toMatch(
      /^It worked: invalid_key → healthy\. A model call since it ended at .* succeeded/,
    );
    // The first after-check had no call yet: the runner looked again instead of judging.
    expect(host.checks.filter(Boolean)).toHaveLength(2);
    expect(r.after?.since?.history[0]?.text).toMatch(/^before .*HTTP 401/);
  });

  it('says "ran, not fixed" when the turn after the restart is refused again', async () => {
    const { run } = restartOn(gatewayHost('refused').runner);
    const r = await run();
    expect(r.outcome).toBe('not-fixed');
    expect(r.after?.verdict).toMatchObject({ label: 'invalid_key', confidence: 'high' });
    expect(r.reason).toMatch(/^It ran, but the verdict is still invalid_key/);
  });

  it('never calls the 401 from before the restart a result: with no call since, it is not confirmed', async () => {
    const host = gatewayHost(null);
    const { run } = restartOn(host.runner, { waitMs: 200, pollMs: 20 });
    const r = await run();
    expect(r.outcome).toBe('unconfirmed');
    expect(r.after?.verdict).toMatchObject({ label: 'invalid_key', confidence: 'low' });
    expect(r.reason).toMatch(/no model call has run since it ended at \d\d:\d\d:\d\d UTC/);
    expect(r.reason).toMatch(/Send the agent a message/);
    expect(host.checks.filter(Boolean).length).toBeGreaterThan(1);
  });

  it('never calls a cooldown fixed on the 401 behind it from before the restart', async () => {
    const { run } = restartOn(gatewayHost(null, 2, true).runner, { waitMs: 100, pollMs: 20 });
    const r = await run();
    expect(r.before.verdict).toMatchObject({ label: 'cooldown', cause: 'invalid_key' });
    expect(r.after?.verdict).toMatchObject({ label: 'invalid_key', confidence: 'low' });
    expect(r.outcome).toBe('unconfirmed');
  });

  it("is fixed when the turn after a cooldown's restart gets its answer", async () => {
    const { run } = restartOn(gatewayHost('answered', 1, true).runner);
    const r = await run();
    expect(r.before.verdict).toMatchObject({ label: 'cooldown', cause: 'invalid_key' });
    expect(r.outcome).toBe('fixed');
    expect(r.reason).toMatch(/^It worked: cooldown → healthy\. A model call since/);
  });

  it('judges at once without a wait, and passes the end of the command as the cut', async () => {
    const host = gatewayHost('answered', 1);
    const { run } = restartOn(host.runner, { waitMs: 0, pollMs: 0 });
    const started = Date.now();
    const r = await run();
    expect(r.outcome).toBe('fixed');
    const [before, after] = host.checks;
    expect(before).toBeUndefined();
    expect(after?.getTime()).toBeGreaterThanOrEqual(started);
  });
});
