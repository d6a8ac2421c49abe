import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * Connection failures and overload told in words the rules did not read: a browser engine's own
 * network error (`net::ERR_EMPTY_RESPONSE`) inside a body whose status says 502, a reverse proxy's
 * "504 Gateway Time-out" page, timeouts in Spanish and Portuguese, and an overload code written
 * with underscores (`server_is_overloaded`). Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe("a browser engine's network error", () => {
  it.each([
    'API Error: 502 {"type":"error","error":{"type":"api_error","message":"net::ERR_EMPTY_RESPONSE"}}',
    'Request failed: net::ERR_CONNECTION_RESET',
    'fetch to the model endpoint failed (net::ERR_NAME_NOT_RESOLVED)',
  ])('is network: %s', (text) => {
    expect(verdict(text)).toBe('network');
  });

  it('a 502 api_error without it stays overloaded', () => {
    expect(
      verdict('API Error: 502 {"type":"error","error":{"type":"api_error","message":"upstream failed"}}'),
    ).toBe('overloaded');
  });
});

describe('timeouts in other words', () => {
  it.each([
    '<html><head><title>504 Gateway Time-out</title></head></html>',
    'nginx answered with a time-out after 60 s',
    'las solicitudes agotaron su tiempo de espera',
    'Error: tiempo de espera agotado al llamar a la API',
    'a requisição falhou: tempo limite esgotado',
    '调用模型接口响应超时',
  ])('is network: %s', (text) => {
    expect(verdict(text)).toBe('network');
  });

  it('a CLI option named timeout is no timeout', () => {
    expect(verdict('openclaw agent --timeout 30 --message hi')).not.toBe('network');
  });
});

describe('an overload code written with underscores', () => {
  it.each([
    'the turn hit an upstream `server_is_overloaded` error and then idled out',
    'codex: stream error: service_overloaded, retrying',
  ])('is overloaded: %s', (text) => {
    expect(verdict(text)).toBe('overloaded');
  });

  it('a field merely named after overload is not', () => {
    expect(verdict('config: retry_on_overloaded_count = 3')).not.toBe('overloaded');
  });
});
