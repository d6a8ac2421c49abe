import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/diagnose.js';
import type { Observations } from '../../../src/engine/observations.js';
import { capturedLine, lineAt } from '../../support/log-lines.js';
import { probe } from '../../support/probe-runs.js';
import { capture } from '../../support/scenario.js';

const healthyModels = JSON.parse(capture('healthy', 'models_status_json.out')) as {
  auth: Record<string, unknown>;
};

/** A healthy host (the healthy capture's gateway and models status) with the given log and changes. */
function host(
  opts: {
    log?: string[];
    models?: (m: typeof healthyModels) => void;
    gatewayEnv?: Record<string, string>;
  } = {},
): Observations {
  const models = structuredClone(healthyModels);
  opts.models?.(models);
  return {
    host: 'gw-unit',
    startedAt: new Date('2026-11-24T22:00:00Z'),
    durationMs: 1234,
    probes: [
      probe('gateway-status', capture('healthy', 'gateway_status_json.out')),
      probe('models-status', JSON.stringify(models)),
    ],
    port: { host: '127.0.0.1', port: 18789, state: 'open', durationMs: 1 },
    log: { source: 'cli', path: null, text: (opts.log ?? []).join('\n') },
    ...(opts.gatewayEnv ? { gatewayEnv: { pid: 42, vars: opts.gatewayEnv } } : {}),
    notes: [],
    knownSecrets: [],
  };
}

const RATE_LIMIT = (t: string) =>
  `2026-11-24T${t}+00:00 warn agent/embedded ⚠️ API rate limit reached. Please try again later.`;
const STATE = (t: string) =>
  `2026-11-24T${t}+00:00 warn auth profile failure state updated: runId=r1 profile=sha256:154a23a3efe6 provider=anthropic reason=rate_limit window=cooldown reused=false`;
const PROBING = (t: string) =>
  `2026-11-24T${t}+00:00 warn agent/embedded probing cooldowned auth profile for anthropic/claude-opus-5 due to rate_limit unavailability`;

describe('diagnose: cooldown kept versus cooldown met', () => {
  it('calls a rate limit a rate limit when the log only shows the cooldown it opened', () => {
    const d = diagnose(host({ log: [RATE_LIMIT('21:30:51.455'), STATE('21:33:20.394')] }));
    expect(d.verdict.label).toBe('rate_limited');
    expect(d.verdict.cause).toBeUndefined();
  });

  it('names the rule and the words behind the verdict and each finding', () => {
    const d = diagnose(
      host({ log: [RATE_LIMIT('21:30:51.455'), STATE('21:33:20.394'), PROBING('21:33:25.000')] }),
    );
    expect(d.verdict).toMatchObject({
      rule: 'cooldown/cooldown-refusal',
      span: 'probing cooldowned auth profile',
    });
    expect(d.findings.map((f) => [f.label, f.rule])).toEqual([
      ['cooldown', 'cooldown/cooldown-refusal'],
      ['rate_limited', 'provider-failure/rate-limit'],
    ]);
  });

  it('calls it a cooldown, caused by the rate limit, once a request meets the cooldown', () => {
    const d = diagnose(
      host({ log: [RATE_LIMIT('21:30:51.455'), STATE('21:33:20.394'), PROBING('21:33:25.000')] }),
    );
    expect(d.verdict).toMatchObject({
      label: 'cooldown',
      cause: 'rate_limited',
      owner: 'openclaw-cooldown',
      confidence: 'high',
    });
  });

  it('reports a cooldown kept in state with no failure in the log, with the reason as cause', () => {
    const d = diagnose(
      host({
        models: (m) => {
          m.auth.unusableProfiles = [
            {
              profileId: 'anthropic:default',
              provider: 'anthropic',
              kind: 'cooldown',
              reason: 'rate_limit',
              until: 1795557000000,
              remainingMs: 41000,
            },
          ];
        },
      }),
    );
    expect(d.verdict).toMatchObject({ label: 'cooldown', cause: 'rate_limited' });
    expect(d.cooldowns).toEqual([
      {
        profileId: 'anthropic:default',
        provider: 'anthropic',
        kind: 'cooldown',
        reason: 'rate_limit',
        until: new Date(1795557000000).toISOString(),
        remainingMs: 41000,
      },
    ]);
  });
});

describe('diagnose: time', () => {
  it('forgets a failure from more than an hour before the run started', () => {
    const d = diagnose(
      host({
        log: [RATE_LIMIT('19:00:00.000'), '2026-11-24T21:00:00.000+00:00 info gateway/ws ⇄ res ✓ health'],
      }),
    );
    expect(d.verdict.label).toBe('healthy');
  });

  it('measures the last hour from the start of the run, not from the newest line of a quiet log', () => {
    // The failure is the newest line, but the run started at 22:00: it is two hours old.
    expect(diagnose(host({ log: [RATE_LIMIT('20:00:00.000')] })).verdict.label).toBe('healthy');
    expect(diagnose(host({ log: [RATE_LIMIT('21:30:00.000')] })).verdict.label).toBe('rate_limited');
  });

  it('shows no cooldown whose window ended before the run started', () => {
    // OpenClaw opened the window at 21:09 and logged nothing since; the run started at 22:00.
    const opened = lineAt(
      capturedLine('cooldown', 'auth_profile_failure_state_updated'),
      Date.parse('2026-11-24T21:09:00Z'),
    );
    expect(diagnose(host({ log: [opened] })).cooldowns).toEqual([]);
    const soonAfter = { ...host({ log: [opened] }), startedAt: new Date('2026-11-24T21:09:10Z') };
    expect(diagnose(soonAfter).cooldowns).toMatchObject([{ provider: 'anthropic', kind: 'cooldown' }]);
  });

  it('keeps a failure followed by a success, with less confidence, and says so', () => {
    const success = `{"type":"log","raw":${JSON.stringify(
      JSON.stringify({
        '0': '{"subsystem":"agent/embedded"}',
        '1': { event: 'embedded_run_agent_end', isError: false, provider: 'anthropic' },
        time: '2026-11-24T21:40:00.000+00:00',
        _meta: { logLevelName: 'INFO' },
      }),
    )}}`;
    const d = diagnose(host({ log: [RATE_LIMIT('21:30:51.455'), success] }));
    expect(d.verdict).toMatchObject({ label: 'rate_limited', confidence: 'medium' });
    expect(d.verdict.summary).toMatch(/A turn at 21:40:00 succeeded since/);
  });
});

describe('diagnose: environment', () => {
  it('makes an env variable the root cause when it is the credential in use', () => {
    const d = diagnose(
      host({
        log: [
          '2026-11-24T21:30:00.000+00:00 warn agent/embedded HTTP 401 authentication_error: invalid x-api-key',
        ],
        models: (m) => {
          const [p] = m.auth.providers as { effective: { kind: string; detail: string }; env?: unknown }[];
          if (p) {
            p.effective = { kind: 'env', detail: 'sk-ant-a...key-9999' };
            p.env = { value: 'sk-ant-a...key-9999', source: 'env: ANTHROPIC_API_KEY' };
          }
        },
      }),
    );
    expect(d.verdict.label).toBe('env_override');
    expect(d.findings.map((f) => f.label)).toEqual(['env_override', 'invalid_key']);
    expect(d.authRoute).toMatchObject({ source: 'env', shadowed: [{ source: 'profile:anthropic:default' }] });
  });

  it('flags an ANTHROPIC_AUTH_TOKEN in the gateway environment on an otherwise healthy host', () => {
    const d = diagnose(
      host({
        gatewayEnv: { ANTHROPIC_AUTH_TOKEN: 'sk-ant-oat01-FAKE-stray-token-abcdefghijklmnopqrstuvwxyz' },
      }),
    );
    expect(d.verdict).toMatchObject({ label: 'env_override', confidence: 'high' });
    expect(JSON.stringify(d)).not.toContain('FAKE-stray-token-abcdefghijklmnopqrstuvwxyz');
  });

  it('is healthy when the gateway environment agrees with the profile', () => {
    const d = diagnose(
      host({
        gatewayEnv: { ANTHROPIC_API_KEY: 'sk-ant-api03-FAKE-lab-good-key-0000', OPENCLAW_OFFLINE: '1' },
      }),
    );
    expect(d.verdict.label).toBe('healthy');
    expect(d.authRoute?.shadowed).toEqual([
      { source: 'env:ANTHROPIC_API_KEY', fingerprint: expect.stringMatching(/^sk-ant-api03…0000#/) },
    ]);
  });
});

describe('diagnose: billing', () => {
  const disabled = (m: typeof healthyModels) => {
    m.auth.unusableProfiles = [
      {
        profileId: 'anthropic:default',
        provider: 'anthropic',
        kind: 'disabled',
        reason: 'billing',
        until: 1795560000000,
        remainingMs: 3_600_000,
      },
    ];
  };
  const BILLING =
    '2026-11-24T21:30:00.000+00:00 warn agent/embedded ⚠️ anthropic (claude-opus-5) returned a billing error — your API key has run out of credits';

  it('is billing while nothing has met the disabled profile', () => {
    expect(diagnose(host({ log: [BILLING], models: disabled })).verdict.label).toBe('billing');
  });

  it('becomes a cooldown caused by billing once a turn is refused for it', () => {
    const refusal =
      '2026-11-24T21:31:00.000+00:00 error diagnostic All models failed (2): anthropic/claude-opus-5: Provider anthropic is in cooldown (billing) | anthropic/claude-sonnet-5: Provider anthropic is in cooldown (billing)';
    const d = diagnose(host({ log: [BILLING, refusal], models: disabled }));
    expect(d.verdict).toMatchObject({ label: 'cooldown', cause: 'billing', confidence: 'high' });
    expect(d.findings[0]?.evidence[0]?.text).toMatch(/anthropic:default disabled \(billing\)/);
    expect(d.findings[0]?.fixes).toEqual(['top-up-billing', 'clear-cooldown']);
  });
});

describe('diagnose: healthy', () => {
  it('claims no recent failure only when it read the log', () => {
    const withLog = diagnose(host());
    expect(withLog.verdict).toMatchObject({ label: 'healthy', confidence: 'high' });
    const { log: _unread, ...withoutLog } = host();
    const d = diagnose(withoutLog);
    expect(d.verdict).toMatchObject({ label: 'healthy', confidence: 'medium' });
    expect(d.findings[0]?.evidence).toContainEqual({
      source: 'logs',
      text: expect.stringMatching(/could not be read/),
    });
  });
});

describe('diagnose: work', () => {
  it('gives the same verdict when the same observations are diagnosed twice', () => {
    const obs = host({ log: [RATE_LIMIT('21:30:51.455'), STATE('21:33:20.394'), PROBING('21:33:25.000')] });
    expect(diagnose(obs).verdict).toEqual(diagnose(obs).verdict);
    expect(
      diagnose({ ...obs, log: { source: 'cli', path: null, text: RATE_LIMIT('21:30:51.455') } }).verdict
        .label,
    ).toBe('rate_limited');
  });
});

describe('diagnose: a client the gateway refused', () => {
  const REFUSED = (t: string) =>
    `2026-11-24T${t}+00:00 warn gateway/ws closed before connect conn=2d3e704b peer=127.0.0.1:43594->127.0.0.1:18789 remote=127.0.0.1 code=1008 reason=device identity required phase=ws_upgrade_started`;
  const rejectedKey = lineAt(
    capturedLine('invalid_key_401', 'embedded_run_agent_end'),
    Date.parse('2026-11-24T21:50:00Z'),
  );

  it("ranks another client's refusal below the route's own failure while this host's CLI gets through", () => {
    const d = diagnose(host({ log: [rejectedKey, REFUSED('21:51:00.000')] }));
    expect(d.verdict.label).toBe('invalid_key');
    expect(d.findings.map((f) => f.label)).toEqual(['invalid_key', 'gateway_client_auth']);
  });

  it('still names the refusal when it is all the log shows', () => {
    const d = diagnose(host({ log: [REFUSED('21:51:00.000')] }));
    expect(d.verdict.label).toBe('gateway_client_auth');
    expect(d.verdict.confidence).toBe('medium');
  });
});
