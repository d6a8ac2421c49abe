import { describe, expect, it } from 'vitest';
import { namedFailure, reasonCause } from '../../../src/engine/cooldown-cause.js';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * The first failure behind a cooldown, in the shapes it comes in: a reason in a trailing
 * parenthesis of a wrapped line, a reason word in a record, a failure on a line above the refusal,
 * a failure in prose. Made-up examples of each shape.
 */

const cooldownCause = (text: string): Label | undefined => {
  const { verdict } = explain(text);
  expect(verdict.label).toBe('cooldown');
  return verdict.cause;
};

describe('a reason in a trailing parenthesis', () => {
  it.each([
    ['Provider anthropic is in cooldown (all profiles unavailable)\n(overloaded)', 'overloaded'],
    [
      'All models failed (1): anthropic/claude-haiku-5: Provider anthropic is in\ncooldown (all profiles unavailable) (timeout)',
      'network',
    ],
    ['Provider anthropic is in cooldown (probe already attempted this run) (billing)', 'billing'],
  ])('%s', (text, cause) => {
    expect(cooldownCause(text)).toBe(cause);
  });
});

describe('a reason word in a record', () => {
  it.each([
    [
      'decision=skip_cooldown provider=anthropic requested=anthropic/claude-haiku-5 reason=timeout',
      'network',
    ],
    ['{"decision":"skip_cooldown","provider":"anthropic","failoverReason":"overloaded"}', 'overloaded'],
    ['{"decision":"probe_cooldown_candidate","provider":"anthropic","reason":"server_error"}', 'overloaded'],
    ['lane=session:7 provider=anthropic decision=skip_cooldown\nreason=rate_limit', 'rate_limited'],
    // A request refused for its shape: the label such a refusal gets, `unknown`.
    ['{"decision":"skip_cooldown","provider":"anthropic","reason":"format"}', 'unknown'],
  ])('%s', (text, cause) => {
    expect(cooldownCause(text)).toBe(cause);
  });

  it('maps each of OpenClaw reason words to a label, and `unknown` to none', () => {
    const of = (reason: string) => reasonCause(`Provider anthropic is in cooldown (${reason})`);
    expect(of('rate_limit')).toBe('rate_limited');
    expect(of('billing')).toBe('billing');
    expect(of('auth')).toBe('invalid_key');
    expect(of('auth_permanent')).toBe('permission_denied');
    expect(of('overloaded')).toBe('overloaded');
    expect(of('timeout')).toBe('network');
    expect(of('model_not_found')).toBe('model_unavailable');
    expect(of('session_expired')).toBe('oauth_refresh_failed');
    expect(of('format')).toBe('unknown');
    expect(of('unknown')).toBeUndefined();
    expect(reasonCause('- anthropic:work cooldown:timeout (3m)')).toBe('network');
  });
});

describe('a failure on a line above the refusal', () => {
  it('is the cause, over the reason the refusal is tagged with', () => {
    const text = [
      '09:14:02 anthropic/claude-haiku-5: LLM request timed out.',
      '09:14:40 anthropic/claude-haiku-5: LLM request timed out.',
      '09:15:11 Provider anthropic is in cooldown (all profiles unavailable) (rate_limit)',
    ].join('\n');
    expect(cooldownCause(text)).toBe('network');
  });

  it('counts a bare status two lines above', () => {
    const text =
      'anthropic answered 401 for the rotated key\nretrying with the next profile\nNo available auth profile for anthropic (all in cooldown or unavailable)';
    expect(cooldownCause(text)).toBe('invalid_key');
  });

  it('is the cooldown provider’s, not a fallback’s printed first', () => {
    const text =
      'All models failed (2): openai/gpt-5: 429 Too Many Requests | anthropic/claude-haiku-5: Provider anthropic is in cooldown (billing)';
    expect(cooldownCause(text)).toBe('billing');
  });

  it('may come from another cooldown line of the same text', () => {
    const text =
      '- after a run of 503s the whole `anthropic:work` profile enters cooldown\n- every model then fails: No available auth profile for anthropic (all in cooldown or unavailable)';
    expect(cooldownCause(text)).toBe('overloaded');
  });
});

describe('a failure in prose', () => {
  it.each([
    ['After hitting the rate limit the profile went into cooldown and nothing answered.', 'rate_limited'],
    [
      'No available auth profile for anthropic (all in cooldown). It began with a burst of 529s.',
      'overloaded',
    ],
    [
      'No available auth profile for anthropic (all in cooldown)\nthe team plan hit its usage limit an hour ago',
      'rate_limited',
    ],
    [
      'When the access token expires the provider goes into a "cooldown" state:\nProvider anthropic is in cooldown (all profiles unavailable) (rate_limit)',
      'oauth_refresh_failed',
    ],
    [
      'Every auth profile for anthropic is cooling down while the upstream keeps reporting overload.',
      'overloaded',
    ],
  ])('%s', (text, cause) => {
    expect(cooldownCause(text)).toBe(cause);
  });

  it('reads failure words in reading order', () => {
    expect(namedFailure('first some timeouts, later a 429 too')).toBe('network');
    expect(namedFailure('a 429 first, then the requests timed out')).toBe('rate_limited');
    expect(namedFailure('the OAuth token expired overnight')).toBe('oauth_refresh_failed');
    expect(namedFailure('the key was revoked by an admin')).toBe('invalid_key');
    expect(namedFailure('credits ran out on the org')).toBe('billing');
  });
});

describe('a cooldown whose text names no failure', () => {
  it.each([
    'No available auth profile for anthropic (all in cooldown or unavailable)',
    'Provider anthropic is in cooldown (unknown)',
    'the anthropic profile went into cooldown and stayed there all afternoon',
    'No available auth profile for anthropic (all in cooldown) even though no rate limit was hit',
    'Provider anthropic is in cooldown (all profiles unavailable); anthropic was never overloaded',
  ])('keeps no cause: %s', (text) => {
    expect(cooldownCause(text)).toBeUndefined();
  });

  it('does not take a reason word a failure was miscounted as', () => {
    expect(namedFailure('the reason is hardcoded as "rate_limit" whatever happened')).toBeUndefined();
    expect(reasonCause('every failure is recorded as rate_limit')).toBeUndefined();
  });
});

describe('a refusal a record or OpenClaw copy prints beside its reason', () => {
  it.each([
    ['Every auth profile for openai is blocked for billing on the provider account.', 'billing'],
    ['Every auth profile for google is cooling down after recent requests timed out.', 'network'],
    [
      'reason: "overloaded" preview: "Provider google has overloaded issue (skipping all models)"',
      'overloaded',
    ],
  ])('is a cooldown with that cause: %s', (text, cause) => {
    expect(cooldownCause(text)).toBe(cause);
  });
});
