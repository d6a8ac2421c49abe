import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * What a provider's answer says, told in words other rows did not use: an account out of tokens
 * that buying more fixed, an account refused for arrears, Azure's "invalid subscription key", the
 * provider's own "authentication did not succeed", a connect failure that carries the HTTP status
 * the server answered with (so the server was reached), a client's generic `api_error` record
 * around a connection reset, a router's generic "Provider returned error", and advice for when a
 * key is missing. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('an account out of paid tokens', () => {
  it.each([
    'All I had to do was buy some more tokens and it answered again.',
    'Fixed after I purchased more credits on the console.',
    'topped up extra balance and the agent replied',
    'Access denied, please make sure your account is in good standing. The account is in arrears.',
    '400 Arrearage: the customer account is refused because of an overdue bill',
  ])('is billing: %s', (text) => {
    expect(verdict(text)).toBe('billing');
  });

  it('buying more seats or a plan is no top-up', () => {
    expect(verdict('we bought more seats for the team')).not.toBe('billing');
  });
});

describe('a key the provider does not accept', () => {
  it.each([
    'Access denied due to invalid subscription key or wrong API endpoint.',
    'Azure OpenAI answered 401 (invalid subscription key)',
    'Authentication with anthropic did not succeed.',
    "Authentication with google vertex didn't succeed.",
  ])('is the key: %s', (text) => {
    expect(verdict(text)).toBe('invalid_key');
  });

  it.each([
    'Access denied: your organization does not allow this model.',
    'AccessDenied: User is not authorized to perform bedrock:InvokeModel',
  ])('an access refusal about permissions stays permission: %s', (text) => {
    expect(verdict(text)).toBe('permission_denied');
  });

  it('the gateway refusing its client is not the provider key', () => {
    expect(verdict('Authentication with the gateway did not succeed.')).not.toBe('invalid_key');
  });

  it('advice for a missing key beside a wrong-key error is the wrong key (Chinese)', () => {
    expect(
      verdict('401 - 认证失败 原因:API key 错误 解决方法:请检查 API key 是否正确,如没有 API key,请先创建'),
    ).toBe('invalid_key');
  });

  it('a missing key said outright stays missing (Chinese)', () => {
    expect(verdict('启动后提示没有 API key')).toBe('missing_auth');
  });
});

describe('a connection that got an answer', () => {
  it.each([
    'Adding an API key for OpenAI returns: Failed to connect to OpenAI. Error: [400]',
    'Unable to connect to Anthropic (status 422)',
  ])('is not the network: %s', (text) => {
    expect(verdict(text)).not.toBe('network');
  });

  it.each([
    'Failed to connect to Anthropic. Check your proxy.',
    'Failed to connect to api.anthropic.com port 443 after 21002 ms',
    'Unable to connect to the API (ECONNREFUSED)',
  ])('a connection that got none is the network: %s', (text) => {
    expect(verdict(text)).toBe('network');
  });

  it("a client's api_error record around a connection reset is the network", () => {
    const record = [
      '{',
      '  "subtype": "api_error",',
      '  "cause": {"code":"ECONNRESET","path":"https://api.anthropic.com/v1/messages","errno":0},',
      '  "retryAttempt": 2',
      '}',
    ].join('\n');
    expect(verdict(record)).toBe('network');
  });

  it("Anthropic's own api_error type stays the provider's server error", () => {
    expect(verdict('{"type":"error","error":{"type":"api_error","message":"Internal server error"}}')).toBe(
      'overloaded',
    );
    expect(verdict('LLM error api_error: upstream failure')).toBe('overloaded');
  });

  it('a router\'s generic "Provider returned error" names no network failure', () => {
    expect(verdict('OpenRouter answered "Provider returned error" and no fallback ran')).not.toBe('network');
    expect(verdict('OpenRouter HTTP 429: Provider returned error (rate-limited upstream)')).toBe(
      'rate_limited',
    );
  });
});
