import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * Healthy told as a measurement or a verdict ("response latency looks much better", "Verification
 * Result: ✅ PASS"), and healthy words that are not evidence: "no issues, but …" turns to what
 * failed, and "teams conclude the stack is healthy" is a belief the text goes on to question.
 * Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('a working route reported', () => {
  it.each([
    'After the update, response latency looks much better: about 3 s from inbound to reply.',
    'Reply times are a lot faster since 2026.4.',
    '## Verification Result: ✅ PASS',
    'smoke test: passed',
  ])('is healthy: %s', (text) => {
    expect(verdict(text)).toBe('healthy');
  });

  it.each([
    ['Response time is much better, but every third call still returns HTTP 429', 'rate_limited'],
    ['Verification Result: ✅ PASS, yet the gateway logs invalid x-api-key', 'invalid_key'],
  ] as const)('a failure beside it wins: %s', (text, label) => {
    expect(verdict(text)).toBe(label);
  });
});

describe('healthy words that are not evidence', () => {
  it.each([
    '`setup` finishes with no issues, but `onboard` says setup is not done',
    'Teams that only ping the web UI conclude the stack is healthy and waste hours',
    'we assumed the gateway was healthy because the page loaded',
  ])('are not healthy: %s', (text) => {
    expect(verdict(text)).not.toBe('healthy');
  });

  it.each(['openclaw doctor: no issues', 'Gateway: healthy', 'the probe says the route is healthy'])(
    'healthy said as a finding stays healthy: %s',
    (text) => {
      expect(verdict(text)).toBe('healthy');
    },
  );
});
