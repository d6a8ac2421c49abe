import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';
import { toLogEvent } from '../../../src/engine/log-events.js';

/**
 * A conversation grown past the model's context window: no route label fixes it, so it is
 * `unknown`, whatever "limit exceeded" it shares with a rate limit's words; a route failure the
 * same text names outranks it. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('a context overflow', () => {
  it.each([
    '⚠️ Context limit exceeded. I have reset our conversation to start fresh - please try again.',
    'Error: context length exceeded for model claude-sonnet-4-6',
    "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens.",
    '{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}',
    'code: context_length_exceeded',
    'The request exceeds the model context window; compaction did not run',
    'Context overflow — prompt too large for the model.',
    '报错：上下文长度超过限制，请新开一个会话',
  ])('is unknown, not a rate limit: %s', (text) => {
    const v = explain(text).verdict;
    expect(v.label).toBe('unknown');
    expect(v.rule).toBe('context-overflow');
  });

  it.each([
    ['HTTP 429 rate_limit_error: tokens per minute limit exceeded', 'rate_limited'],
    ['Rate limit reached for requests per minute', 'rate_limited'],
    ['Context limit exceeded\nHTTP 429 rate_limit_error from anthropic', 'rate_limited'],
    ['This request requires more credits, misread as "Context overflow: prompt too large"', 'billing'],
  ] as const)('a route failure named beside it outranks it: %s', (text, label) => {
    expect(verdict(text)).toBe(label);
  });

  it('a title that only mentions overflow handling is not one', () => {
    expect(
      explain('Handling context overflow and provider cooldown without wiping memory').verdict.rule,
    ).not.toBe('context-overflow');
  });

  it('is not read from a gateway log as the route failing', () => {
    const event = toLogEvent({
      time: 0,
      level: 'error',
      subsystem: 'agent',
      message: 'Context limit exceeded. I have reset our conversation to start fresh.',
      fields: null,
    });
    expect(event).toBeNull();
  });
});
