import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/** A short-lived login token the client fails to renew, or renews in a loop. Made-up examples. */
const verdict = (text: string): Label => explain(text).verdict.label;

describe('a token the client does not refresh', () => {
  it.each([
    'The plugin does not refresh the copilot token; after an hour every request fails until restart.',
    'After it expires the session token will not refresh, restarting the editor fixes it for a while.',
    'Gemini provider: refresh storm, 401 after every token refresh',
    'the client is stuck in a token refresh loop and never gets a usable token',
  ])('is a failed oauth refresh: %s', (text) => {
    expect(verdict(text)).toBe('oauth_refresh_failed');
  });

  it.each([
    ['401 Unauthorized: invalid api key', 'invalid_key'],
    ['unauthorized: gateway token mismatch', 'gateway_client_auth'],
    ['Restarting the gateway did not help, it is down', 'gateway_down'],
  ] as const)('a neighbour keeps its label: %s', (text, label) => {
    expect(verdict(text)).toBe(label);
  });
});
