import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../src/engine/fingerprint.js';
import { createRedactor, redactDeep } from '../../../src/engine/redact.js';
import { secretsInConfig } from '../../../src/engine/secrets.js';
import { generateSecrets } from '../../support/secrets.js';

const secrets = generateSecrets();

describe('createRedactor', () => {
  it.each(
    Object.entries(secrets).filter(
      ([name]) => !['gatewayToken', 'devicePassword', 'bearerValue'].includes(name),
    ),
  )('removes a %s by its shape alone', (_name, secret) => {
    const r = createRedactor();
    const out = r.redact(`before ${secret} after`);
    expect(out).not.toContain(secret);
    expect(out).toMatch(/^before \[REDACTED[^\]]*\] after$/);
    expect(r.count).toBe(1);
  });

  it('keeps class, last four and a hash of a key so two keys can be told apart', () => {
    const out = createRedactor().redact(secrets.anthropicApiKey);
    expect(out).toBe(`[REDACTED ${fingerprint(secrets.anthropicApiKey)}]`);
    expect(out).toMatch(/^\[REDACTED sk-ant-api03…[\w-]{4}#[0-9a-f]{8}\]$/);
  });

  it('removes bearer values, env and flag assignments, JSON secret fields and URL passwords', () => {
    const r = createRedactor();
    const text = [
      `Authorization: Bearer ${secrets.bearerValue}`,
      `OPENCLAW_GATEWAY_TOKEN=${secrets.gatewayToken}`,
      `openclaw onboard --gateway-token ${secrets.devicePassword}`,
      `{"token": "${secrets.gatewayToken}x", "password":"${secrets.devicePassword}y"}`,
      `https://user:${secrets.devicePassword}z@proxy.example:8080`,
    ].join('\n');
    const out = r.redact(text);
    for (const s of [secrets.bearerValue, secrets.gatewayToken, secrets.devicePassword])
      expect(out).not.toContain(s);
    expect(out).toContain('Authorization: Bearer [REDACTED]');
  });

  it('removes known secret values whatever their shape', () => {
    const r = createRedactor(['hunter2-but-longer', 'abc']);
    expect(r.redact('the password is hunter2-but-longer.')).toBe('the password is [REDACTED].');
    // Values shorter than six characters would hit ordinary words; they are not treated as literals.
    expect(r.redact('abc')).toBe('abc');
  });

  it("shortens OpenClaw's own key mask to what clawops shows", () => {
    const out = createRedactor().redact('anthropic:default=sk-ant-a...key-0000');
    expect(out).toMatch(/^anthropic:default=\[MASKED sk-ant-a…0000#[0-9a-f]{8}\]$/);
  });

  it.each([
    'HTTP 401 authentication_error: Invalid bearer token',
    'unauthorized: gateway token mismatch (provide gateway auth token)',
    '"maxTokens": 8, "tokens": 1234',
    'profileId=sha256:154a23a3efe6 requestIdHash=sha256:7cc0914bf61d',
    'Auth profile: anthropic:default (anthropic/api_key)',
    'http://127.0.0.1:18999/v1/messages',
    'runId=75366109-edc2-41ae-83e4-61bc8113cb2d',
  ])('leaves ordinary text alone: %s', (text) => {
    const r = createRedactor();
    expect(r.redact(text)).toBe(text);
    expect(r.count).toBe(0);
  });

  it('is idempotent: redacting twice changes nothing more', () => {
    const r = createRedactor([secrets.gatewayToken]);
    const once = r.redact(`${secrets.anthropicApiKey} ${secrets.gatewayToken} Bearer ${secrets.bearerValue}`);
    expect(r.redact(once)).toBe(once);
  });
});

describe('secretsInConfig', () => {
  it('takes keys and tokens as secrets, but not an apiKey that names an auth profile', () => {
    const config = {
      auth: { profiles: { 'openai:manual': { provider: 'openai', mode: 'api_key' } } },
      gateway: { auth: { token: secrets.gatewayToken } },
      models: {
        providers: { openai: { apiKey: 'openai:manual' }, mistral: { apiKey: secrets.anthropicApiKey } },
      },
    };
    expect(secretsInConfig(config).sort()).toEqual([secrets.anthropicApiKey, secrets.gatewayToken].sort());
  });
});

describe('redactDeep', () => {
  it('redacts every string in nested objects and arrays and keeps the rest', () => {
    const r = createRedactor();
    const value = { a: [secrets.githubToken, 1, null], b: { c: `x ${secrets.jwt}`, d: true } };
    const out = redactDeep(value, r);
    expect(JSON.stringify(out)).not.toContain(secrets.githubToken);
    expect(JSON.stringify(out)).not.toContain(secrets.jwt);
    expect(out.a[1]).toBe(1);
    expect(out.b.d).toBe(true);
    expect(r.count).toBe(2);
  });
});
