import { describe, expect, it } from 'vitest';
import type { Cooldown } from '../../../src/engine/diagnosis.js';
import { type FixSetup, fixArgv } from '../../../src/worker/fix-catalogue.js';
import { diagnosisFor } from '../../support/diagnoses.js';

const setup: FixSetup = { bin: 'openclaw', restart: { kind: 'openclaw' }, clearCooldown: true };
const cooldown = (profileId: string): Cooldown => ({
  profileId,
  provider: 'anthropic',
  kind: 'cooldown',
  reason: 'rate_limit',
  until: null,
  remainingMs: null,
});

describe('the clear-cooldown fix', () => {
  it('clears the profile OpenClaw named', () => {
    const d = diagnosisFor('cooldown', { cooldowns: [cooldown('anthropic:default')] });
    expect(fixArgv('clear-cooldown', setup, d)).toEqual([
      'openclaw',
      'models',
      'auth',
      'clear-cooldown',
      'anthropic:default',
    ]);
  });

  it('never passes the description of a profile the log only hashed', () => {
    const hashed = diagnosisFor('cooldown', {
      cooldowns: [cooldown('anthropic (profile id hashed in the log)')],
    });
    expect(fixArgv('clear-cooldown', setup, hashed)).toBeNull();
    const both = diagnosisFor('cooldown', {
      cooldowns: [cooldown('anthropic (profile id hashed in the log)'), cooldown('anthropic:backup')],
    });
    expect(fixArgv('clear-cooldown', setup, both)?.at(-1)).toBe('anthropic:backup');
  });
});
