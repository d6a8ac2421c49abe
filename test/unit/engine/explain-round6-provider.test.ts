import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain.js';
import { pasteProvider } from '../../../src/engine/text-provider.js';

/**
 * Shapes the sixth round showed the rules missing, each with made-up examples: a relay's printout
 * of one provider's error, every provider said to be in cooldown, a plan that needs a
 * subscription, RPM limits, providers failing authentication while the gateway stays up, undici's
 * "terminated", a gateway that never binds its port, and where each gives way.
 */
const verdict = (text: string) => explain(text).verdict;

describe("a relay's printout of one provider's error", () => {
  const relay = [
    'Upstream provider DEEPINFRA-VIA-OPENROUTER returned HTTP 402.',
    'Category: api_error',
    'Upstream error: {"error":{"message":"Your balance ran out, add funds","code":402}}',
  ].join('\n');

  it("reads the relay's generic category as about the same provider, so the upstream cause decides", () => {
    expect(verdict(relay)).toMatchObject({ label: 'billing', provider: 'openrouter' });
  });

  it('keeps the Anthropic route first when the paste names Anthropic', () => {
    const text = 'openrouter fallback: HTTP 402 payment required\nanthropic: overloaded_error';
    expect(verdict(text).label).toBe('overloaded');
  });

  it.each([
    ['names one other provider', 'provider=ollama error=403\nrequest failed', 'ollama'],
    ['names Anthropic', 'openrouter and claude both fail', undefined],
    ['names two other providers', 'openai works, gemini fails', undefined],
    ['names none', 'request failed', undefined],
  ])('pasteProvider when the paste %s', (_, text, expected) => {
    expect(pasteProvider(text)).toBe(expected);
  });
});

describe('every provider or profile said to be in cooldown', () => {
  it.each([
    'primary times out -> profile cooled down\n-> the second model is also in cooldown',
    'after one timeout all three profiles are in cooldown and nothing answers',
    'every fallback model now on cooldown, the agent gives up',
  ])('is cooldown: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'cooldown', rule: 'cooldown-refusal' });
  });

  it('names the first failure as its cause', () => {
    const text = 'the first request timed out\nthen all providers in cooldown';
    expect(verdict(text)).toMatchObject({ label: 'cooldown', cause: 'network' });
  });

  it('leaves a timeout with no cooldown to network', () => {
    expect(verdict('the request timed out').label).toBe('network');
  });
});

describe('a model or plan that needs a subscription', () => {
  it.each([
    'error=403 this cloud model requires a subscription',
    'HTTP 403: subscription required to use this model',
    'the provider says the model needs an active subscription',
  ])('is permission_denied: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'permission_denied', rule: 'forbidden' });
  });

  it('outranks the generic auth reason of the failover record beside it', () => {
    const text =
      'run end: provider=acme error=403 requires a subscription\nfailover decision=fallback_model reason=auth';
    expect(verdict(text).label).toBe('permission_denied');
  });
});

describe('requests-per-minute limits', () => {
  it.each([
    '我们的 key RPM 限制太低了',
    'hit the RPM limit again on the free tier',
    'RPD exceeded for this key',
  ])('is rate_limited: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'rate_limited', rule: 'rate-limit' });
  });

  it('leaves RPM the package format alone', () => {
    expect(verdict('installed openclaw from the RPM package on Fedora').label).not.toBe('rate_limited');
  });
});

describe('providers failing authentication while the gateway stays up', () => {
  it.each([
    'Both providers fail authentication, though the service itself is healthy',
    'the configured keys failed authentication; the LaunchAgent stays healthy',
  ])('is invalid_key: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'invalid_key', rule: 'unauthorized' });
  });

  it('gives way to an expired OAuth login', () => {
    expect(verdict('Failed to authenticate: OAuth session expired').label).toBe('oauth_refresh_failed');
  });
});

describe('a response stream terminated under the request', () => {
  it.each([
    'probe is ok, but every chat run fails with error: "terminated"',
    'embedded run end: isError=true rawError=terminated',
    'TypeError: terminated\n    at Fetch.onAborted',
  ])('is network: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'network', rule: 'network' });
  });

  it('leaves a process terminated by a signal alone', () => {
    expect(verdict('Error: terminated by signal SIGTERM').rule).not.toBe('network');
  });
});

describe('a gateway that never binds its port', () => {
  it.each([
    'the gateway logs "ready" but never binds to the configured port',
    "It doesn't actually bind the port at all after startup",
    'ws://localhost:19001 returns ECONNREFUSED right after the service starts',
  ])('is gateway_down: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'gateway_down', rule: 'gateway-runtime' });
  });

  it('leaves a refused remote provider to network', () => {
    expect(verdict('connect to https://api.example.com failed: ECONNREFUSED').label).toBe('network');
  });
});
