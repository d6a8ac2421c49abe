import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain.js';

/**
 * Which of several things a text names decides: the first failure behind a cooldown, a cause over
 * a suspect the report rules out. Made-up examples of each shape.
 */

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

describe('a suspect a checklist rules out', () => {
  it('is not the cause', () => {
    const text =
      'Every turn fails with "429 rate limit reached".\n- Checked for a stale ANTHROPIC_API_KEY in the service env → none set\n- verified: no proxy configured';
    expect(explain(text).verdict.label).toBe('rate_limited');
  });

  it('a checklist line that found the suspect still counts', () => {
    expect(
      explain('- Checked the service env: a stale ANTHROPIC_API_KEY overrides the profile').verdict.label,
    ).toBe('env_override');
  });
});

describe('what a report says does not happen', () => {
  it('a failure that should not trigger a cooldown is that failure', () => {
    expect(explain('A 402 credit balance too low error should not trigger a cooldown').verdict.label).toBe(
      'billing',
    );
  });

  it('a provider probe timing out in gateway status is the network', () => {
    expect(explain('gateway status: anthropic probe timed out').verdict.label).toBe('network');
  });
});
