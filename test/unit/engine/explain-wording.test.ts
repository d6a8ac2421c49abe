import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * Wording variants and provider bodies the phrase rules read by their shape, with made-up
 * examples of each shape (not corpus rows).
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('relay quota bodies', () => {
  it.each([
    '{"error":{"type":"new_api_error","message":"user quota is not enough, remain quota: $0.01"}}',
    'API Error: 402 {"error":{"type":"new_api_error","message":"token quota is not enough, need quota: $0.20"},"type":"error"}',
    'upstream says: 用户额度不足, 剩余额度: ＄0.001',
  ])('a quota balance below the cost is billing: %s', (text) => {
    expect(verdict(text)).toBe('billing');
  });

  it('a relay type that merely ends in api_error is not an Anthropic api_error', () => {
    expect(verdict('{"error":{"type":"new_api_error","message":"something odd happened"}}')).not.toBe(
      'overloaded',
    );
    expect(verdict('{"type":"error","error":{"type":"api_error","message":"Internal server error"}}')).toBe(
      'overloaded',
    );
  });
});

describe('missing credentials', () => {
  it.each([
    'openrouter: 401 No auth credentials found',
    'Error: no authentication credentials provided for this request',
  ])('no credentials with the request is missing_auth: %s', (text) => {
    expect(verdict(text)).toBe('missing_auth');
  });

  it('a placeholder provider name in a message template is not another provider', () => {
    const v = explain('resolveApiKeyForProvider failed: No API key found for provider "<provider>"').verdict;
    expect(v.label).toBe('missing_auth');
    expect(explain('No API key found for provider "google".').verdict.label).toBe('model_unavailable');
  });

  it('a setup described as subscription or OAuth with no API key is not a missing key', () => {
    const text =
      'I run Claude through my Max subscription (OAuth login, no API key) and now get:\nAPI provider returned a billing error — credit balance is too low';
    expect(verdict(text)).toBe('billing');
    expect(verdict('There is no API key configured for anthropic')).toBe('missing_auth');
  });
});

describe('denials', () => {
  it.each([
    'Claude is not available from unsupported regions; see the supported countries page',
    'This service is not available in your country.',
    'Authentication with openai-codex was permanently denied.',
  ])('a region or permanent denial is permission_denied: %s', (text) => {
    expect(verdict(text)).toBe('permission_denied');
  });

  it('a 403 status line gives way to the cause the same line names', () => {
    expect(verdict('status 403 Forbidden: local relay failed; cause: 余额不足')).toBe('billing');
    expect(verdict('upstream_status: HTTP 403; cause: model not found')).toBe('model_unavailable');
    expect(verdict('request failed: 403 Forbidden')).toBe('permission_denied');
    expect(verdict('HTTP 403 from api.anthropic.com')).toBe('permission_denied');
  });
});
