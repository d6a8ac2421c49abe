import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * A self-hosted app's own log of refusing its browser client: a Python server raising
 * `Unauthorized` in its own code, a session cookie whose signature does not match. That is the
 * app's auth to its client (as the gateway's own 401 is), not a provider refusing a key.
 * Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe("a server's own session check refusing its client", () => {
  it.each([
    'app-1  |   File "/app/api/auth.py", line 88, in wrapper\napp-1  |     raise Unauthorized()',
    'werkzeug.exceptions.Unauthorized: 401 Unauthorized: The server could not verify that you are authorized',
    "WARNING load_user got exception Signature b'AAAAAAAAAAAAAAAAAAAA' does not match",
    'itsdangerous.exc.BadSignature: session cookie rejected',
    'quart_auth.extension.Unauthorized: 401 Unauthorized',
  ])('is client auth: %s', (text) => {
    expect(verdict(text)).toBe('gateway_client_auth');
  });

  it.each([
    ['anthropic.AuthenticationError: Error code: 401 - invalid x-api-key', 'invalid_key'],
    ['LLM request failed: 401 Unauthorized', 'invalid_key'],
  ] as const)('a provider refusing the key keeps its label: %s', (text, label) => {
    expect(verdict(text)).toBe(label);
  });

  it('an invalid signature in a thinking block is not a session check', () => {
    expect(verdict('messages.1.content.0: Invalid signature in thinking block')).not.toBe(
      'gateway_client_auth',
    );
  });
});
