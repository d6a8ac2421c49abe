import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/** A spend limit on the account reached: billing, not a request rate. Made-up examples. */
const verdict = (text: string): Label => explain(text).verdict.label;

describe('a spend limit reached', () => {
  it.each([
    'Error code: 400 - Monthly spend limit reached. Current usage: $80.00 / $80.00 limit.',
    'openai: you have reached your monthly spending limit for this organization',
    'request refused: spend cap exceeded for workspace default',
    'The key hit its daily spend limit, calls fail until tomorrow',
  ])('is billing: %s', (text) => {
    expect(verdict(text)).toBe('billing');
  });

  it.each([
    'Rate limit reached for requests per minute',
    'HTTP 429: monthly usage limit reached, try again later',
  ])('a request rate stays rate_limited: %s', (text) => {
    expect(verdict(text)).toBe('rate_limited');
  });
});
