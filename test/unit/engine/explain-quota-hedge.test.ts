import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/** A generic message listing quota among possible causes names no quota refusal. Made-up examples. */
const verdict = (text: string): Label => explain(text).verdict.label;

describe('quota as a hedge', () => {
  it.each([
    'No reply. The provider may be unavailable or the key may have insufficient quota.',
    'Nothing came back; your account might be out of quota or the network is down?',
  ])('is not a rate limit: %s', (text) => {
    expect(verdict(text)).not.toBe('rate_limited');
  });

  it.each(['You exceeded your quota for today', 'Error: quota reached for this key'])(
    'a quota refusal stays rate_limited: %s',
    (text) => {
      expect(verdict(text)).toBe('rate_limited');
    },
  );
});
