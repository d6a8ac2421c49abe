import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * `openclaw onboard` as advice ("Run `openclaw onboard` to configure auth") points at a missing
 * credential; a person saying they ran it and something else failed does not. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('openclaw onboard', () => {
  it.each([
    'No credentials yet. Run `openclaw onboard` to set up a provider.',
    'Try openclaw onboard again and pick Anthropic.',
    'openclaw onboard --auth-choice apiKey',
  ])('as advice is the missing credential: %s', (text) => {
    expect(verdict(text)).toBe('missing_auth');
  });

  it.each([
    'When I do `openclaw onboard`, the wizard quits on the Termux build.',
    'openclaw onboard printed the banner and then nothing happened',
  ])('as a command someone ran says nothing of the credential: %s', (text) => {
    expect(verdict(text)).not.toBe('missing_auth');
  });

  it('a missing key named beside a run of onboard is still missing', () => {
    expect(verdict('After openclaw onboard: No API key found for provider "anthropic"')).toBe('missing_auth');
  });
});
