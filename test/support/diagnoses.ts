import { type Diagnosis, LABELS, type Label } from '../../src/engine/diagnosis.js';
import { LABEL_INFO } from '../../src/engine/labels.js';

/** A complete, schema-shaped diagnosis for one label, as a worker would return it. */
export function diagnosisFor(label: Label, over: Partial<Diagnosis> = {}): Diagnosis {
  const info = LABEL_INFO[label];
  const cause = label === 'cooldown' ? ('billing' as const) : undefined;
  return {
    schemaVersion: 1,
    host: 'gw-1',
    openclawVersion: '2026.9.6',
    startedAt: '2026-11-24T20:38:44.454Z',
    durationMs: 2140,
    verdict: {
      label,
      ...(cause ? { cause } : {}),
      owner: info.owner,
      summary: info.summary,
      confidence: 'high',
    },
    findings:
      label === 'healthy'
        ? []
        : [
            {
              label,
              title: info.title,
              evidence: [{ source: 'logs', text: `2026-11-24T20:39:28.989Z evidence for ${label}` }],
              fixes: [...info.fixes],
            },
          ],
    authRoute: {
      provider: 'anthropic',
      source: 'profile',
      profileId: 'anthropic:default',
      fingerprint: 'sk-ant-api03…0000#3f2a9c1b',
      shadowed:
        label === 'env_override'
          ? [{ source: 'env:ANTHROPIC_API_KEY', fingerprint: 'sk-ant-api03…9999#aa11bb22' }]
          : [],
    },
    cooldowns:
      label === 'cooldown'
        ? [
            {
              profileId: 'anthropic:default',
              provider: 'anthropic',
              kind: 'disabled',
              reason: 'billing',
              until: '2026-11-25T01:00:00Z',
              remainingMs: 41_000,
            },
          ]
        : [],
    probes: [
      {
        name: 'models-status',
        argv: ['openclaw', 'models', 'status', '--json'],
        exitCode: 0,
        durationMs: 3700,
        timedOut: false,
      },
    ],
    redactions: 2,
    routes: [],
    failover: null,
    agents: [],
    ...over,
  } as Diagnosis;
}

/**
 * A cooling Anthropic primary with two fallbacks and a second agent, as the real captures
 * `routes_fallback_ok` and `routes_agent_no_auth` show them: `serving` says whether the first
 * fallback has a credential (and so carries the traffic) or has none.
 */
export function diagnosisWithRoutes(serving: boolean): Diagnosis {
  const openai = serving
    ? {
        auth: { source: 'config' as const, fingerprint: 'sk-proj-…0000#42f124dc' },
        state: 'usable' as const,
        reason: null,
      }
    : {
        auth: { source: 'missing' as const },
        state: 'missing_credential' as const,
        reason: 'No usable api-key authentication is available for openai/gpt-5.',
      };
  return diagnosisFor('billing', {
    routes: [
      {
        provider: 'anthropic',
        model: 'claude-opus-5',
        role: 'primary',
        auth: { source: 'profile', profileId: 'anthropic:default', fingerprint: 'sk-ant-a…0000#454bc7c7' },
        state: 'disabled',
        reason: 'billing',
        until: '2026-11-24T20:48:44.000Z',
        lastFailure: {
          label: 'billing',
          text: 'anthropic: Your credit balance is too low to access the Anthropic API.',
          at: '2026-11-24T20:38:40.000Z',
        },
      },
      { provider: 'openai', model: 'gpt-5', role: 'fallback', ...openai, until: null, lastFailure: null },
      {
        provider: 'mistral',
        model: 'mistral-large',
        role: 'fallback',
        auth: { source: 'missing' },
        state: 'provider_not_configured',
        reason: 'no provider "mistral" is configured',
        until: null,
        lastFailure: null,
      },
    ],
    failover: {
      agent: 'main',
      next: 'openai/gpt-5',
      usable: serving,
      conclusion: serving
        ? 'anthropic is disabled (billing); traffic goes to openai/gpt-5 — usable'
        : 'no usable fallback: every route would fail',
    },
    agents: [
      { id: 'main', isDefault: true, primary: 'anthropic/claude-opus-5', credential: 'profile' },
      { id: 'work', isDefault: false, primary: 'openai/gpt-5', credential: 'missing' },
    ],
  });
}

export const ALL_LABELS: readonly Label[] = LABELS;
