import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * A check reported as passed ("Verification Result: ✅ PASS", "Smoke test status: PASSED") and
 * replies said to come faster after a change: a working route, unless the text names a failure.
 * Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('a check passed, replies faster', () => {
  it.each([
    '## Verification Result: ✅ PASS\n\nFresh install on a Debian VM, chat smoke included.',
    'Smoke test status: PASSED (3/3)',
    'After the update, Discord response latency looks much better: about 2 s per reply.',
    'response times are way faster since 2026.5',
  ])('is healthy: %s', (text) => {
    expect(verdict(text)).toBe('healthy');
  });

  it.each([
    ['Verification Result: ❌ FAIL\nHTTP 401 authentication_error', 'invalid_key'],
    ['Test result: PASS for the probe, but agent turns get HTTP 429 rate_limit_error', 'rate_limited'],
    ['latency is better, yet every third call ends in overloaded_error', 'overloaded'],
  ] as const)('a failure named beside it outranks it: %s', (text, label) => {
    expect(verdict(text)).toBe(label);
  });

  it('latency getting worse is not healthy', () => {
    expect(verdict('Telegram response latency got much worse after the update')).not.toBe('healthy');
  });
});
