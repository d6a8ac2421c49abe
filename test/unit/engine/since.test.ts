import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/diagnose.js';
import type { Observations } from '../../../src/engine/observations.js';
import { ANSWERED, REFUSED } from '../../support/log-lines.js';
import { probe } from '../../support/probe-runs.js';
import { capture } from '../../support/scenario.js';

const NOW = Date.parse('2026-11-24T22:00:00Z');
const at = (minutesAgo: number) => NOW - minutesAgo * 60_000;

/** A host with a reachable gateway and a configured Anthropic profile (the healthy capture). */
function host(log: string[], since?: number, models = capture('healthy', 'models_status_json.out')) {
  const obs: Observations = {
    host: 'gw-unit',
    startedAt: new Date(NOW),
    durationMs: 1000,
    probes: [
      probe('gateway-status', capture('healthy', 'gateway_status_json.out')),
      probe('models-status', models),
    ],
    port: { host: '127.0.0.1', port: 18789, state: 'open', durationMs: 1 },
    log: { source: 'file', path: '/tmp/openclaw/openclaw-2026-11-24.log', text: log.join('\n') },
    notes: [],
    knownSecrets: [],
  };
  return since === undefined ? obs : { ...obs, since: new Date(since) };
}

describe('diagnose: a turn that got its answer', () => {
  it('reads `[agent] run … ended with stopReason=stop` as a model call that succeeded', () => {
    const d = diagnose(host([REFUSED(at(20)), ANSWERED(at(10))]));
    // Without a fix's time, a later success only makes the failure less certain.
    expect(d.verdict).toMatchObject({ label: 'invalid_key', confidence: 'medium' });
    expect(d.verdict.summary).toMatch(/succeeded since, so it may be over/);
    expect(d.since).toBeUndefined();
  });
});

describe('diagnose since a fix: evidence from before it is history', () => {
  it('keeps a failure from before the fix, at low confidence, while no model call has run since', () => {
    const d = diagnose(host([REFUSED(at(20))], at(5)));
    expect(d.verdict).toMatchObject({
      label: 'invalid_key',
      confidence: 'low',
      rule: expect.stringMatching(/^failure-before/),
    });
    expect(d.verdict.summary).toMatch(/before 21:55:00; no model call has run since/);
    expect(d.since).toMatchObject({ at: '2026-11-24T21:55:00.000Z', successes: 0, failures: 0 });
    expect(d.since?.history[0]?.text).toMatch(/^before 21:55:00: .*HTTP 401/);
  });

  it('is healthy once a model call after the fix succeeded, and shows the old failure as history', () => {
    const d = diagnose(host([REFUSED(at(20)), ANSWERED(at(2))], at(5)));
    expect(d.verdict.label).toBe('healthy');
    expect(d.since).toMatchObject({ successes: 1, failures: 0 });
    expect(d.since?.history.map((e) => e.text)).toEqual([expect.stringMatching(/^before 21:55:00: .*401/)]);
    expect(d.findings[0]?.evidence.map((e) => e.text)).toEqual(
      expect.arrayContaining([
        'no provider failure since 2026-11-24T21:55:00.000Z, and 1 model call succeeded since',
        expect.stringMatching(/^before 21:55:00: .*HTTP 401/),
      ]),
    );
  });

  it('lets a failure after the fix decide, with full confidence', () => {
    const d = diagnose(host([REFUSED(at(20)), REFUSED(at(2))], at(5)));
    expect(d.verdict).toMatchObject({
      label: 'invalid_key',
      confidence: 'high',
      rule: expect.stringMatching(/^provider-failure/),
    });
    expect(d.since).toMatchObject({ successes: 0, failures: 1 });
  });

  it('lets a success after the old failure, both before the fix, have the last word', () => {
    const d = diagnose(host([REFUSED(at(30)), ANSWERED(at(20))], at(5)));
    expect(d.verdict.label).toBe('healthy');
    expect(d.since).toMatchObject({ successes: 0, failures: 0 });
  });

  it('still reads the state: a profile cooling down is a cooldown whatever the log says', () => {
    const cooling = JSON.parse(capture('healthy', 'models_status_json.out')) as {
      auth: { unusableProfiles?: unknown[] };
    };
    cooling.auth.unusableProfiles = [
      {
        profileId: 'anthropic:default',
        provider: 'anthropic',
        kind: 'cooldown',
        reason: 'rate_limit',
        until: NOW + 60_000,
        remainingMs: 60_000,
      },
    ];
    const d = diagnose(host([REFUSED(at(20)), ANSWERED(at(2))], at(5), JSON.stringify(cooling)));
    expect(d.verdict.label).toBe('cooldown');
  });

  it('changes nothing without a fix: the whole last hour counts', () => {
    const d = diagnose(host([REFUSED(at(20))]));
    expect(d.verdict).toMatchObject({ label: 'invalid_key', confidence: 'high' });
  });
});
