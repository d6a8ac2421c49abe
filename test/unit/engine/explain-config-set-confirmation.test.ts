import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * `openclaw config set` confirms each key it wrote ("Updated gateway.auth.token. Restart the
 * gateway to apply."): naming the token there is no sign of a refused client. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe("config set's confirmation of a gateway auth key", () => {
  it.each([
    'Updated gateway.auth.token. Restart the gateway to apply.',
    'Updated gateway.mode. Restart the gateway to apply.\nUpdated gateway.remote.password. Restart the gateway to apply.',
  ])('is not a client refused: %s', (text) => {
    expect(verdict(text)).not.toBe('gateway_client_auth');
  });

  it.each([
    'Set gateway.auth.token on the client to the same value as the server',
    'the CLI reads gateway.remote.token, which is empty',
  ])('a gateway auth key named as the fix stays gateway_client_auth: %s', (text) => {
    expect(verdict(text)).toBe('gateway_client_auth');
  });

  it('a refusal printed after the confirmation still counts', () => {
    expect(
      verdict(
        'Updated gateway.auth.token. Restart the gateway to apply.\nunauthorized: gateway token mismatch',
      ),
    ).toBe('gateway_client_auth');
  });
});
