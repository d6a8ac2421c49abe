import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/** "An environment override" named as the thing keeping an old credential alive. Made-up examples. */
const verdict = (text: string): Label => explain(text).verdict.label;

describe('an environment override', () => {
  it.each([
    'A common cause is an environment override from the service manager that keeps producing unauthorized errors.',
    'the env override set in the unit file still wins, so 401s continue after editing the config',
  ])('is env_override: %s', (text) => {
    expect(verdict(text)).toBe('env_override');
  });

  it('a plain 401 stays invalid_key', () => {
    expect(verdict('HTTP 401 unauthorized from the provider')).toBe('invalid_key');
  });
});

describe('old values of the environment kept', () => {
  it('is env_override when the stale values are the environment variables', () => {
    expect(
      verdict('After a reload the service kept using the old values of the environment variables.'),
    ).toBe('env_override');
  });

  it('old values of something else are not', () => {
    expect(verdict('the picker kept using the old values of the model list')).not.toBe('env_override');
  });
});
