import { describe, expect, it } from 'vitest';
import { readProviderError } from '../../../src/engine/parse/provider-error.js';
import { readRecord } from '../../../src/engine/parse/records.js';
import { providerOf } from '../../../src/engine/text-provider.js';
import { classifyText } from '../../../src/engine/text-rules.js';

/** What a line is, read before its words: provider error bodies, records, providers. */

describe('reading a provider error body', () => {
  it('reads a bare Anthropic body', () => {
    expect(
      readProviderError(
        '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011"}',
      ),
    ).toEqual({
      provider: 'anthropic',
      status: null,
      type: 'authentication_error',
      message: 'invalid x-api-key',
      prefix: '',
    });
  });

  it('takes the status from a prefix', () => {
    const body = readProviderError(
      'Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit"}}',
    );
    expect(body?.status).toBe(429);
    expect(body?.prefix).toBe('Error: 429');
  });

  it('reads OpenAI and Google bodies, and tells them apart', () => {
    const openai = readProviderError(
      'HTTP 429: {"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}',
    );
    expect(openai).toMatchObject({ provider: 'openai', status: 429, type: 'insufficient_quota' });
    const google = readProviderError(
      '{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}',
    );
    expect(google).toMatchObject({ provider: 'google', status: 503, type: 'UNAVAILABLE' });
  });

  it('reads the Python dict an SDK exception prints', () => {
    const body = readProviderError(
      "anthropic.PermissionDeniedError: Error code: 403 - {'type': 'error', 'error': {'type': 'permission_error', 'message': 'Your API key does not have permission'}, 'request_id': None}",
    );
    expect(body).toMatchObject({ provider: 'anthropic', status: 403, type: 'permission_error' });
  });

  it('finds none in a log record or in prose', () => {
    expect(
      readProviderError('{"type":"error","message":"gateway closed","error":"ECONNREFUSED"}'),
    ).toBeNull();
    expect(readProviderError('the key {was} wrong')).toBeNull();
  });
});

describe('reading a structured record', () => {
  it('reads key=value decision lines, quoted values too', () => {
    expect(
      readRecord(
        '[model-fallback] decision=skip_cooldown reason=billing provider=anthropic note="two words"',
      ),
    ).toEqual({ decision: 'skip_cooldown', reason: 'billing', provider: 'anthropic', note: 'two words' });
  });

  it('reads a lone telling pair, not a lone ordinary one', () => {
    expect(readRecord('window=disabled')).toEqual({ window: 'disabled' });
    expect(readRecord('set DEBUG=1 and retry')).toBeNull();
  });

  it('reads dict-shaped event records', () => {
    expect(readRecord("event {'name': 'oauth_refresh', 'status': 'failed', 'code': 400}")).toEqual({
      name: 'oauth_refresh',
      status: 'failed',
      code: '400',
    });
  });
});

describe('naming the provider a line is about', () => {
  it.each([
    ['No API key found for provider "openai"', 'openai'],
    ['provider=google decision=skip_cooldown', 'google'],
    ['Provider anthropic is in cooldown (billing)', 'anthropic'],
    ['openrouter/anthropic/claude-sonnet-4 failed', 'openrouter'],
    ['POST https://api.openai.com/v1/chat/completions 429', 'openai'],
    ['LLM request failed: the provider endpoint is unreachable', undefined],
  ])('%s → %s', (text, provider) => {
    expect(providerOf(text)).toBe(provider);
  });
});

describe('ranking within one text', () => {
  it('lets a specific cause outrank a generic symptom printed beside it', () => {
    const match = classifyText('RPC probe: failed (unauthorized: device token mismatch)');
    expect(match).toMatchObject({ label: 'gateway_client_auth', weight: 'cause' });
  });

  it('keeps a symptom when nothing more specific is said', () => {
    expect(classifyText('RPC probe: failed')).toMatchObject({
      label: 'gateway_down',
      rule: 'gateway-unreachable',
      weight: 'symptom',
    });
  });

  it("tells the gateway's own HTTP 401 from Anthropic's", () => {
    expect(classifyText('curl http://127.0.0.1:18789/v1/chat/completions → 401 Unauthorized')?.label).toBe(
      'gateway_client_auth',
    );
    expect(classifyText('POST https://api.anthropic.com/v1/messages HTTP 401')?.label).toBe('invalid_key');
  });

  it('reports a credential-precedence story as its cause, not its 401', () => {
    expect(
      classifyText(
        'HTTP 401: the stale ANTHROPIC_API_KEY in the service environment overrides the auth profile',
      )?.label,
    ).toBe('env_override');
  });

  it('finds a cooldown cause in prose as well as in a reason word', () => {
    expect(classifyText('the profile is in cooldown after: credit balance is too low')).toMatchObject({
      label: 'cooldown',
      cause: 'billing',
    });
    expect(classifyText('decision=skip_cooldown reason=rate_limit')).toMatchObject({
      label: 'cooldown',
      cause: 'rate_limited',
      rule: 'record-decision',
    });
  });

  it('widens the span to whole words', () => {
    expect(classifyText('xx HTTP 401authentication_errorzz yy')?.span).toBe('401authentication_errorzz');
  });
});

describe('reading words however they are written', () => {
  it.each([
    ['升級後配置驗證失敗', 'config_invalid'],
    ['金鑰無效，請檢查', 'invalid_key'],
    ['閘道無法啟動', 'gateway_down'],
  ] as const)('reads Traditional Chinese as Simplified: %s', (text, label) => {
    expect(classifyText(text)?.label).toBe(label);
  });

  it('reads a message whose words a terminal spread apart', () => {
    expect(classifyText('This organization has been     disabled.')?.label).toBe('permission_denied');
  });
});
