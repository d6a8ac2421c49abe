import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * Model and key answers told in words the rules did not read: a named model the provider does not
 * support ("Model qwen-max is not supported for format …"), a relay with no channel serving a
 * model (new-api's "No available channels for model …", 无可用渠道), "Authorized Failed" for a
 * refused key, and a client that did not find its API key variable. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('a model no one serves', () => {
  it.each([
    'I get an "unauthorized" error.\n"Model qwen3-max is not supported for format oa-compat"',
    "Model 'gpt-5-mini' is not supported by this endpoint",
    '503 {"error":{"message":"No available channels for model gemini-2.5-pro in group default","type":"new_api_error"}}',
    '当前分组 vip 下对于模型 claude-sonnet-4 无可用渠道',
  ])('is model_unavailable: %s', (text) => {
    expect(verdict(text)).toBe('model_unavailable');
  });

  it.each([
    ['This feature is not supported for your plan', 'unknown'],
    ['The model is fine, but the request is not supported: 401 Unauthorized', 'invalid_key'],
  ] as const)('a thing other than a model not supported is not: %s', (text, label) => {
    expect(verdict(text)).toBe(label);
  });
});

describe('a key refused in other words', () => {
  it.each([
    '保存配置后重启网关，调用模型时出现Authorized Failed错误',
    'provider says: authorization failure',
  ])('is invalid_key: %s', (text) => {
    expect(verdict(text)).toBe('invalid_key');
  });

  it('a gateway token mismatch keeps its own label', () => {
    expect(verdict('Authorization failed: gateway token mismatch')).toBe('gateway_client_auth');
  });
});

describe('a key variable the client did not find', () => {
  it.each([
    'Did not find openai_api_key, please add an environment variable `OPENAI_API_KEY` which contains it',
    'did not find an anthropic_api_key in the environment',
  ])('is missing_auth: %s', (text) => {
    expect(verdict(text)).toBe('missing_auth');
  });

  it('finding the key but not the model is the model', () => {
    expect(verdict('Did not find model claude-9 in the provider list: model not found')).toBe(
      'model_unavailable',
    );
  });
});
