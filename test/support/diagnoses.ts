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
    ...over,
  } as Diagnosis;
}

export const ALL_LABELS: readonly Label[] = LABELS;
