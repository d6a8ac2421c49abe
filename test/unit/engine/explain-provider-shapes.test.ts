import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * Shapes of provider-side text the phrase rules read, each with made-up examples (not corpus
 * rows): who refused (the provider or the gateway), which cause outranks a generic symptom, and
 * words that only compare, advise or negate.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('a cooldown that requests wait on', () => {
  it.each([
    'litellm.Router: No deployments available for selected model, Try again in 12 seconds. Passed model=claude-sonnet-4',
    'callers get {"error":{"message":"internal error","type":"api_error"}}\nruns only work again once the cooldown expires',
    'turns fail with {"type":"error","error":{"type":"api_error","message":"failed"}}\neach turn is refused until the cooldown ends',
  ])('is a cooldown: %s', (text) => {
    expect(verdict(text)).toBe('cooldown');
  });

  it('a cooldown named without requests waiting on it is not promoted to a cause', () => {
    expect(verdict('the docs explain what a cooldown is')).not.toBe('overloaded');
  });
});

describe("a provider's 401 to the gateway is not the gateway's 401 to its client", () => {
  it('a provider URL on the line makes a missing bearer the provider key that is missing', () => {
    const v = explain(
      'status 401 Unauthorized: Missing bearer or basic authentication in header, url: https://api.openai.com/v1/chat/completions',
    ).verdict;
    expect(v.label).toBe('missing_auth');
  });

  it("the gateway's own missing-token refusal stays the gateway's", () => {
    expect(verdict('unauthorized: gateway token missing (set gateway.auth.token)')).toBe(
      'gateway_client_auth',
    );
  });

  it.each([
    'INFO: 127.0.0.1:40112 - "POST /v1/messages HTTP/1.1" 401 Unauthorized',
    '[proxy] localhost:8082 POST /v1/messages?beta=true -> 401',
    'POST /v1/messages via localhost:8080 -> 401 Unauthorized',
  ])('a local Anthropic-compatible endpoint answering 401 is a refused key: %s', (text) => {
    expect(verdict(text)).toBe('invalid_key');
  });

  it.each([
    'GET http://127.0.0.1:18789/v1/chat/completions 401',
    'curl http://localhost:18789/v1/messages -> 401',
  ])('a 401 from the gateway port is still client auth: %s', (text) => {
    expect(verdict(text)).toBe('gateway_client_auth');
  });
});

describe('key wording', () => {
  it.each([
    'the relay says the api key has expired',
    'maybe an expired API key on the proxy',
    '配置后提示 API key 无效',
    '显示 api 令牌错误',
  ])('a refused or expired key is invalid_key: %s', (text) => {
    expect(verdict(text)).toBe('invalid_key');
  });

  it('"invalid or missing" with an authentication_error type is the refused key', () => {
    expect(
      verdict(
        '{"type":"error","error":{"type":"authentication_error","message":"Invalid or missing API key"}}',
      ),
    ).toBe('invalid_key');
  });

  it.each([
    '{"ok":false,"error":{"code":"UNAUTHORIZED","message":"Missing x-api-key header"}}',
    'request failed: missing the API key header',
  ])('a missing key header is missing_auth: %s', (text) => {
    expect(verdict(text)).toBe('missing_auth');
  });
});

describe('specific causes over generic words', () => {
  it('an OAuth profile said to be not expired is not an expired login', () => {
    expect(verdict('OAuth profile valid (not expired), yet the LLM request timed out after 60s')).toBe(
      'network',
    );
  });

  it.each([
    'Error: Unable to connect to Anthropic services, with ANTHROPIC_BASE_URL unset',
    'could not connect to api.anthropic.com after three tries',
  ])('cannot connect to the provider is network: %s', (text) => {
    expect(verdict(text)).toBe('network');
  });

  it('"retry after checking" is advice, not a Retry-After', () => {
    expect(verdict('Provider failure. Retry after verifying your network: Connection error.')).toBe(
      'network',
    );
    expect(verdict('429 received, retry-after: 30')).toBe('rate_limited');
  });

  it('a rate limit named only as a comparison does not outrank the overload body', () => {
    expect(
      verdict(
        'should be retried like a rate limit:\n{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      ),
    ).toBe('overloaded');
  });

  it('a models list tag "missing" is a model the catalog does not have', () => {
    expect(verdict('anthropic/claude-foo-9  text  200k  default,configured,missing')).toBe(
      'model_unavailable',
    );
  });
});

describe('regions and proxies', () => {
  it.each(['claude 不支持的地区，换了节点也不行', '我的 IP 还是在受限国家'])(
    'a restricted country or region is permission_denied: %s',
    (text) => {
      expect(verdict(text)).toBe('permission_denied');
    },
  );

  it("a proxy that cannot decode the upstream's answer is unknown, not an overload", () => {
    expect(
      verdict(
        'ERROR proxy: failed to decode upstream response: expected value at line 1\nINFO: 10.0.0.2:0 - "POST /v1/messages HTTP/1.1" 500 Internal Server Error',
      ),
    ).toBe('unknown');
  });

  it('an Anthropic api_error body is still an overload', () => {
    expect(verdict('{"type":"error","error":{"type":"api_error","message":"Internal server error"}}')).toBe(
      'overloaded',
    );
  });
});
