import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * Limits and quotas told in words the rate-limit rule read too widely or not at all: a context
 * window that is full is no rate limit, "retry after a short wait" is advice (a Retry-After with a
 * number is the limit), a rate limit a report lists among what it is not, a plan's quota used up
 * until the next billing cycle, and Chinese for a quota used up. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('a context window that is full', () => {
  it.each([
    '⚠️ Context limit exceeded. I reset the session, please try again.',
    'Error: context window limit reached for this conversation',
    'The agent reached the maximum context limit and compacted.',
  ])('no rule reads it as a rate limit: %s', (text) => {
    expect(explain(text).verdict.rule).not.toBe('rate-limit');
  });

  it.each([
    'Rate limit exceeded for this organization',
    'Daily request limit reached, try tomorrow',
    'You have reached your hourly message limit',
  ])('a request limit stays rate_limited: %s', (text) => {
    expect(verdict(text)).toBe('rate_limited');
  });
});

describe('retry after', () => {
  it.each([
    '{"type":"error","error":{"type":"overloaded_error","message":"Servers are busy. Please retry after a short wait."}}',
    'HTTP 529: the cluster is under high load, retry after a while',
  ])('a short wait is advice, the overload decides: %s', (text) => {
    expect(verdict(text)).toBe('overloaded');
  });

  it.each(['429: Too Many Requests: retry after 40', 'Retry-After: 12', 'Limited. Retry after ~30s.'])(
    'a wait with a number or the header is the limit: %s',
    (text) => {
      expect(verdict(text)).toBe('rate_limited');
    },
  );
});

describe('a rate limit the report rules out', () => {
  it.each([
    'Requests fail with 404 Not Found. This is not related to key, rate limit, OS, or version.',
    'Every call returns 404 Not Found; it is not due to the rate limit.',
    'Calls fail with 404 Not Found, which has nothing to do with proxy, rate limits or VPN.',
  ])('is not the verdict: %s', (text) => {
    expect(verdict(text)).toBe('model_unavailable');
  });

  it.each([
    'The key is not the problem, I am being rate limited',
    'Not sure why, but we got rate limited again',
  ])('a rate limit said beside another negation still counts: %s', (text) => {
    expect(verdict(text)).toBe('rate_limited');
  });
});

describe('a plan quota used up', () => {
  it.each([
    'Your coding plan quota has been exhausted. Upgrade or wait for the next billing cycle.',
    '403 ModelArts: Token plan quota is used up',
    '套餐额度已用完，请购买更高等级的套餐',
  ])('is billing: %s', (text) => {
    expect(verdict(text)).toBe('billing');
  });

  it.each(['Your quota has been exceeded for requests per minute', '提示额度用尽，请稍后再试', '配额已耗尽'])(
    'a quota used up with no plan named stays rate_limited: %s',
    (text) => {
      expect(verdict(text)).toBe('rate_limited');
    },
  );
});
