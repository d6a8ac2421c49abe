import { describe, expect, it } from 'vitest';
import { cooldownLine, cooldownTable, windowLine } from '../../../src/core/cooldown-lines.js';
import type { Cooldown } from '../../../src/engine/diagnosis.js';
import type { ProfileWindow } from '../../../src/engine/episodes.js';

const held: Cooldown = {
  profileId: 'anthropic:default',
  provider: 'anthropic',
  kind: 'disabled',
  reason: 'billing',
  until: '2026-11-24T20:58:04.515Z',
  remainingMs: 9 * 60_000 + 1,
};
const unknown: Cooldown = {
  ...held,
  profileId: 'anthropic:work',
  kind: 'cooldown',
  reason: null,
  until: null,
  remainingMs: null,
};

describe('cooldown lines', () => {
  it('write one profile in prose, the time left rounded up, and leave out what OpenClaw did not say', () => {
    expect(cooldownLine(held)).toBe(
      'anthropic:default disabled (billing) until 2026-11-24T20:58:04.515Z, 10 min left',
    );
    expect(cooldownLine(unknown)).toBe('anthropic:work cooldown (no reason)');
  });

  it('align the table under its header, with - for what is unknown', () => {
    expect(cooldownTable([held, unknown]).split('\n')).toEqual([
      'profile            kind      reason   until                     left',
      'anthropic:default  disabled  billing  2026-11-24T20:58:04.515Z  10 min',
      'anthropic:work     cooldown  -        -                         -',
    ]);
  });

  it('write a watched window with its clock time, or say its end is unknown', () => {
    const now = Date.parse('2026-11-24T21:41:00Z');
    const w: ProfileWindow = {
      profileId: 'anthropic:default',
      kind: 'cooldown',
      reason: 'rate_limit',
      until: now + 3 * 60_000,
    };
    expect(windowLine(w, now)).toBe('anthropic:default — cooldown (rate_limit) until 21:44 UTC, 3 min left');
    expect(windowLine({ ...w, until: null }, now)).toBe(
      'anthropic:default — cooldown (rate_limit), end unknown',
    );
  });
});
