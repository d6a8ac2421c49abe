import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * Whose failure a line shows: the gateway's (its port, its probes, its client auth) or a
 * provider's (its API host, a local relay in front of it). Made-up examples of each shape.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('a key rejected behind a local relay', () => {
  it.each([
    'unexpected status 401 Unauthorized: Invalid API key, url: http://127.0.0.1:4000/v1/chat/completions',
    'proxy said 401 Unauthorized: incorrect api_key provided',
  ])('is the key, not the gateway client: %s', (text) => {
    expect(verdict(text)).toBe('invalid_key');
  });

  it('the gateway refusing its client still reads as client auth', () => {
    expect(verdict('unauthorized: gateway token mismatch')).toBe('gateway_client_auth');
    expect(verdict('unauthorized: device token invalid')).toBe('gateway_client_auth');
  });
});

describe('operator scopes', () => {
  it('a scope a plugin declares is no refusal', () => {
    expect(
      verdict('api.registerGatewayMethod("x.y", fn, { scope: "operator.admin" }) then the call fails'),
    ).not.toBe('gateway_client_auth');
  });

  it.each([
    'missing scope: operator.read',
    'the dashboard token lacks operator.write',
    'operator.admin required for config.set',
  ])('a scope the client lacks is client auth: %s', (text) => {
    expect(verdict(text)).toBe('gateway_client_auth');
  });
});

describe('connection failures', () => {
  it.each([
    "curl: (7) Couldn't connect to server while fetching https://api.example.com/install.sh",
    'curl: (6) Could not resolve host: api.anthropic.com',
    'the agent fails to resolve the domain from inside the sandbox',
  ])('away from the gateway are the network: %s', (text) => {
    expect(verdict(text)).toBe('network');
  });

  it('curl refused on the gateway port is the gateway', () => {
    expect(
      verdict("curl: (7) Failed to connect to localhost port 18789 after 0 ms: Couldn't connect to server"),
    ).toBe('gateway_down');
  });

  it('a 502 from a provider API host is the provider, from a bare reverse proxy the gateway', () => {
    expect(verdict('requests to api.example.ai return 502 Bad Gateway')).toBe('overloaded');
    expect(verdict('nginx: 502 Bad Gateway')).toBe('gateway_down');
  });

  it.each(['gateway probes still time out after the upgrade', 'openclaw status --json times out'])(
    "the gateway's own probes timing out are the gateway's: %s",
    (text) => {
      expect(verdict(text)).toBe('gateway_down');
    },
  );
});
