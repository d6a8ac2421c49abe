import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * The gateway's client-auth refusals in translation (Chinese UIs), an OAuth token's bare
 * "unauthorized: token expired" that is not the gateway's, and an auth profile (the provider
 * credential) that no longer matches its key. Made-up examples and their neighbours.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('translated gateway client-auth refusals', () => {
  it.each([
    '断开连接（1008）：控制UI需要安全上下文',
    '连接断开(1008)',
    '设备签名无效，无法连接网关',
    '提示设备身份不匹配',
  ])('is gateway_client_auth: %s', (text) => {
    expect(verdict(text)).toBe('gateway_client_auth');
  });

  it('a normal Chinese report of a failed key is not gateway client auth', () => {
    expect(verdict('Anthropic 返回 401 invalid x-api-key')).not.toBe('gateway_client_auth');
  });
});

describe('"unauthorized: token expired" is a provider token, not the gateway', () => {
  it.each([
    'Error: unauthorized: token expired',
    'LLM response status: 401 body: unauthorized: access token expired',
  ])('is not gateway client auth: %s', (text) => {
    expect(verdict(text)).not.toBe('gateway_client_auth');
  });

  it.each([
    'unauthorized: device token expired',
    'unauthorized: gateway token invalid',
    'unauthorized: bootstrap token expired',
  ])('the gateway naming its own token still is: %s', (text) => {
    expect(verdict(text)).toBe('gateway_client_auth');
  });
});

describe('a stale auth profile against its key', () => {
  it('is not the gateway-client drift', () => {
    expect(
      verdict('The gateway runtime caches a stale auth profile that does not match the configured API key'),
    ).not.toBe('gateway_client_auth');
  });

  it('gateway tokens out of sync still are', () => {
    expect(verdict('the gateway auth token no longer matches the one the CLI sends')).toBe(
      'gateway_client_auth',
    );
  });
});

describe('an invalid configuration, in other languages', () => {
  it.each([
    'Gateway ne démarre pas — configuration invalide',
    'El gateway no arranca: configuración no válida',
    'Gateway startet nicht: ungültige Konfiguration',
  ])('is config_invalid: %s', (text) => {
    expect(verdict(text)).toBe('config_invalid');
  });
});
