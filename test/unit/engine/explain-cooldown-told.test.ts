import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain.js';

/**
 * Cooldowns told in prose: a provider or profile that "entered cooldown", a failure chain that
 * ends "→ cooldown", a cooldown named by its reason ("the rate-limit cooldown"), one that spreads
 * to other providers, a whole provider blocked after one model's failure, every credential
 * "cooling down". The failure the text names first is the cooldown's cause. Made-up examples.
 */

const verdict = (text: string) => explain(text).verdict;

describe('a cooldown told in prose, with the failure that started it', () => {
  it.each([
    ['After a few 401s in a row the whole anthropic provider entered cooldown.', 'invalid_key'],
    ['The openai profile kept answering 429 and then went into cooldown for an hour.', 'rate_limited'],
    ['stale key sent → HTTP 401 → cooldown → every agent silent', 'invalid_key'],
    ['Opus got 429 -> the cooldown kicked in and Sonnet was skipped', 'rate_limited'],
    ["OpenClaw's billing cooldown keeps refusing the profile after I topped up.", 'billing'],
    ['The rate-limit cooldown blocks new sessions long after the 429 is gone.', 'rate_limited'],
    [
      'When Gemini hits a rate limit the cooldown propagates to the independent Mistral fallback.',
      'rate_limited',
    ],
    ['One model got a 429 and the gateway backs off the entire google provider.', 'rate_limited'],
    ['The relay says all credentials for model X are cooling down after upstream 429s.', 'rate_limited'],
    ['Every key in the pool is now cooling down since the 429 burst.', 'rate_limited'],
  ])('%s', (text, cause) => {
    const v = verdict(text);
    expect(v.label).toBe('cooldown');
    expect(v.cause).toBe(cause);
  });

  it('takes a usage limit the text says was hit as a rate limit', () => {
    const v = verdict('Opus hits its weekly token pool limit → anthropic:default enters cooldown');
    expect(v.label).toBe('cooldown');
    expect(v.cause).toBe('rate_limited');
  });

  it('does not read a context limit as a rate limit', () => {
    expect(verdict('the session hits the context window limit and then enters cooldown').cause).not.toBe(
      'rate_limited',
    );
  });
});

describe('neighbours that keep their own label', () => {
  it.each([
    ['The profile never entered cooldown; every call still answered 401 Unauthorized.', 'invalid_key'],
    ['HTTP 429 rate_limit_error: Number of requests has exceeded your per-minute rate limit', 'rate_limited'],
    ['The whole anthropic provider answers 529 overloaded_error.', 'overloaded'],
  ])('%s', (text, label) => {
    expect(verdict(text).label).toBe(label);
  });

  it('a cooldown setting is not told as a cooldown that happened', () => {
    const v = verdict('Setting the billing cooldown duration in auth.cooldowns has no effect');
    expect(v.rule).not.toBe('cooldown-described');
  });
});
