import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain.js';

/** Cooldowns a report describes as triggered, and the first failure it names. Made-up examples. */

describe('a cooldown a report says something triggered', () => {
  it.each([
    ['each LLM request timed out error triggers the exponential cooldown on the profile', 'network'],
    ['every 529 overloaded answer started a cooldown for the whole provider', 'overloaded'],
  ])('is a cooldown with its cause: %s', (text, cause) => {
    const v = explain(text).verdict;
    expect(v.label).toBe('cooldown');
    expect(v.cause).toBe(cause);
  });

  it('a reason word a failure is misclassified as is not the cause', () => {
    const v = explain('HTTP 503 responses are misclassified as rate_limit, which triggers cooldowns').verdict;
    expect(v.label).toBe('cooldown');
    expect(v.cause).toBe('overloaded');
    expect(explain('profile anthropic:default is in cooldown (rate_limit)').verdict.cause).toBe(
      'rate_limited',
    );
  });
});
