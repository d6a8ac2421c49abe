import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * A self-hosted server (a LiteLLM proxy, a Go or Node server's key-auth middleware, a llama.cpp
 * server) refusing the key it is sent or exiting on its own arguments. Made-up examples of each shape
 * and the provider or gateway neighbours that keep their own labels.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('a self-hosted proxy or relay refusing the key it is sent', () => {
  it.each([
    'LiteLLM Proxy:ERROR: user_api_key_auth.py:88 - Exception occured - Invalid proxy server token passed',
    'litellm.proxy.proxy_server.user_api_key_auth(): Exception occured - Malformed API Key passed in',
    'ERR request failed error="missing or malformed API Key"',
    '{"message":"Missing or malformed JWT"} 401',
  ])('is the key the route sends (behind OpenClaw the proxy is the provider): %s', (text) => {
    expect(verdict(text)).toBe('invalid_key');
  });

  it.each([
    ['401 Unauthorized: Invalid API key, url: http://127.0.0.1:4000/v1/chat/completions', 'invalid_key'],
    ['anthropic: 401 {"type":"authentication_error","message":"invalid x-api-key"}', 'invalid_key'],
    ['unauthorized: gateway token mismatch', 'gateway_client_auth'],
  ] as const)('neighbour keeps its label: %s', (text, label) => {
    expect(verdict(text)).toBe(label);
  });
});

describe('a local model server exiting on arguments that do not parse', () => {
  it.each([
    'error while handling argument "--ctx-size": expected an integer',
    "error: invalid value for '--n-gpu-layers': 'all-of-them'",
    'error while handling argument "--cache-type-k": error: unkown value for --cache-type-k: \'q9\'',
  ])('is config_invalid: %s', (text) => {
    expect(verdict(text)).toBe('config_invalid');
  });

  it('a server failing to bind its port stays gateway_down', () => {
    expect(verdict('Error: listen EADDRINUSE: address already in use 127.0.0.1:8080')).toBe('gateway_down');
  });
  it('a CLI rejecting an unknown option is not a config error', () => {
    expect(verdict("error: unknown option '--project'")).not.toBe('config_invalid');
  });
});
