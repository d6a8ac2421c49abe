import { describe, expect, it } from 'vitest';
import { renderDiscord, TONE_COLOR } from '../../../adapters/discord/render.js';
import { cooldownReportMessage } from '../../../src/core/cooldown-message.js';
import { diagnosisMessage } from '../../../src/core/diagnosis-message.js';
import { fleetMessage } from '../../../src/core/fleet-message.js';
import type { Message, Tone } from '../../../src/core/message.js';
import type { WatchReport } from '../../../src/core/watch-report.js';
import { diagnosisFor } from '../../support/diagnoses.js';
import { FLEET_NOW, fleetOf } from '../../support/fleets.js';

const headed = (tone: Tone | undefined, title = '✅ all well'): Message => ({
  text: title,
  blocks: [{ type: 'header', text: title }],
  ...(tone ? { tone } : {}),
});

describe('message tone', () => {
  it.each([
    ['ok', 0x2e7d32],
    ['warn', 0xe0a100],
    ['problem', 0xd83c3e],
  ] as const)('colours a Discord embed %s with its own colour', (tone, color) => {
    expect(TONE_COLOR[tone]).toBe(color);
    expect(renderDiscord(headed(tone)).embeds[0]?.color).toBe(color);
  });

  it('takes the colour from the tone, not from the words of the header', () => {
    expect(renderDiscord(headed('problem', '✅ looks fine')).embeds[0]?.color).toBe(TONE_COLOR.problem);
    expect(renderDiscord(headed('ok', '🚨 looks bad')).embeds[0]?.color).toBe(TONE_COLOR.ok);
    expect(renderDiscord(headed(undefined)).embeds[0]).not.toHaveProperty('color');
  });

  it('is set by the message builders from what they say', () => {
    expect(diagnosisMessage(diagnosisFor('healthy')).tone).toBe('ok');
    expect(diagnosisMessage(diagnosisFor('invalid_key')).tone).toBe('problem');
    expect(fleetMessage({ rows: fleetOf(1), now: FLEET_NOW }).tone).toBe('ok');
    expect(fleetMessage({ rows: fleetOf(20), now: FLEET_NOW }).tone).toBe('warn');
    const report: WatchReport = {
      host: 'gw-1',
      instance: 'default',
      episodes: [],
      windows: [],
      stateAt: 1,
      logSource: null,
      updatedAt: 1,
    };
    expect(cooldownReportMessage(report, 2).tone).toBe('ok');
  });
});
