import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../src/engine/fingerprint.js';
import { clip } from '../../../src/engine/parse/text.js';
import { createRedactor, redactDeep } from '../../../src/engine/redact.js';
import { secretsInConfig } from '../../../src/engine/secrets.js';
import { leaked, secretShapes } from '../../support/secret-shapes.js';
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

describe('shapes beyond the common keys', () => {
  const s = generateSecrets();
  const token = s.bearerValue; // 40 random base64url characters
  const password = s.devicePassword; // 24 random alphanumerics
  it.each([
    ['an AWS secret assignment', `AWS_SECRET_ACCESS_KEY=${password}/${password}`, [password]],
    ['a …_KEY assignment', `ANTHROPIC_KEY=${password}`, [password]],
    ['a quoted assignment', `TELEGRAM_BOT_TOKEN="${password}"`, [password]],
    ['a spaced assignment', `export DB_PASSWORD = ${password}`, [password]],
    ['a YAML field', `  apiKey: ${password}`, [password]],
    ['a lower-case assignment', `api_key=${password}`, [password]],
    ['a URL password with an empty user', `redis://:${password}@redis.internal:6379/0`, [password]],
    ['a URL password with a slash', `https://ops:${password}/x9@proxy.example:8080`, [password]],
    ['an x-api-key header', `x-api-key: ${password}`, [password]],
    ['a JSON field with an opaque value', `{"webhookSecret":"${password}"}`, [password]],
    [
      'a JSON string with escapes',
      `{"signingSecret":"${password}\\"${password.slice(0, 8)}x\\\\y"}`,
      [password],
    ],
    ['JSON inside a JSON string', `{"message":"{\\"botToken\\":\\"${password}\\"}"}`, [password]],
    [
      'Basic authorization',
      `Authorization: Basic ${Buffer.from(`ops:${password}`).toString('base64')}`,
      [Buffer.from(`ops:${password}`).toString('base64')],
    ],
    ['a Proxy-Authorization header', `Proxy-Authorization: Negotiate ${token}`, [token]],
    [
      'query parameters',
      `GET /v1/hook?api_key=${password}&token=${token}&secret=${password}x`,
      [password, token],
    ],
    ['a Slack webhook URL', `https://hooks.slack.com/services/T0123ABCD/B0123ABCD/${password}`, [password]],
    ['a Discord webhook URL', `https://discord.com/api/webhooks/123456789012345678/${token}`, [token]],
    ['a Telegram bot token', `bot 7123456789:AA${token.slice(0, 33)} ready`, [`AA${token.slice(0, 33)}`]],
    [
      'a PEM block',
      `key:\n-----BEGIN PRIVATE KEY-----\n${token}\n${password}\n-----END PRIVATE KEY-----\n`,
      [token, password],
    ],
    ['a PEM block without its END line', `-----BEGIN OPENSSH PRIVATE KEY-----\n${token}`, [token]],
    ['a Stripe live key', `charge with sk_live_${password}`, [password]],
    ['a GitLab token', `glpat-${password}`, [password]],
    ['an npm token', `//registry.npmjs.org/:_authToken=npm_${password}${password.slice(0, 12)}`, [password]],
    [
      'an AWS session key id',
      `ASIA${'Q'.repeat(4)}${password.slice(0, 12).toUpperCase()}`,
      [password.slice(0, 12).toUpperCase()],
    ],
    [
      'a key inside base64-encoded JSON',
      `state=${Buffer.from(JSON.stringify({ botToken: password })).toString('base64')}`,
      [Buffer.from(JSON.stringify({ botToken: password })).toString('base64')],
    ],
    [
      'a key cut by a line break',
      `key ${s.anthropicApiKey.slice(0, 40)}\n${s.anthropicApiKey.slice(40)} was rejected`,
      [s.anthropicApiKey.slice(40)],
    ],
    [
      'a key cut by a zero-width character',
      `key ${s.anthropicApiKey.slice(0, 40)}\u200b${s.anthropicApiKey.slice(40)}`,
      [s.anthropicApiKey.slice(40)],
    ],
    [
      'a random token in a key position',
      `{"session":"${token}"} cursor=${password}${password}`,
      [token, password],
    ],
  ])('removes %s', (_what, text, gone) => {
    const r = createRedactor();
    const out = r.redact(text);
    for (const g of gone) expect(out).not.toContain(g);
    expect(out).toContain('[REDACTED');
    expect(r.count).toBeGreaterThan(0);
  });

  it.each([
    'requestId: req_011CVx3mQ7bT2pZk9LwY5nRd model: claude-sonnet-4-5-20250929',
    '"request_id":"req_011CVx3mQ7bT2pZk9LwY5nRd","model":"anthropic/claude-opus-4-1"',
    'commit=3f2a9c1b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'digest: sha256:154a23a3efe6 traceId=4bf92f3577b34da6a3ce929d0e0e4736 runId=75366109-edc2-41ae-83e4-61bc8113cb2d',
    '"key": "agent:main:main", "sessionKey": "agent:main:main", auth=token allowLegacyAuth=true.',
    'keyRef: ANTHROPIC_API_KEY authMode: password tokenFile: /etc/openclaw/token',
    'https://api.anthropic.com:443/v1/messages and git@github.com:openclaw/openclaw.git',
  ])('keeps identifiers, hashes and model ids: %s', (text) => {
    const r = createRedactor();
    expect(r.redact(text)).toBe(text);
    expect(r.count).toBe(0);
  });

  it('tells two keys apart after redaction and counts each once', () => {
    const r = createRedactor();
    const out = r.redact(`${s.anthropicApiKey} ${s.anthropicOauthToken} ${s.anthropicApiKey}`);
    const [a, b, c] = out.split(' ');
    expect(a).toBe(c);
    expect(a).not.toBe(b);
    expect(r.count).toBe(2);
  });
});

describe('adversarial input', () => {
  const MB = 1024 * 1024;
  it.each([
    ['one repeated character', 'a'.repeat(MB)],
    ['repeated dashes', '-'.repeat(MB)],
    ['repeated colons', ':'.repeat(MB)],
    ['near-miss key prefixes', 'sk-ant-api03 AKIA12 xoxb-1 '.repeat(MB / 27)],
    ['URL starts without a password', '://a:'.repeat(MB / 5)],
    ['unclosed JSON fields', '"token":"'.repeat(MB / 9)],
  ])('comes back unchanged from 1 MB of %s', (_what, text) => {
    const r = createRedactor(['a-known-secret']);
    expect(r.redact(text)).toBe(text);
    expect(r.count).toBe(0);
  });

  it('removes every value of 1 MB of key=value pairs, and only the values', () => {
    const pair = (i: number) => `secret${i}=v${String(i).padStart(7, '0')}x `;
    const text = Array.from({ length: 40_000 }, (_, i) => pair(i)).join('');
    const out = createRedactor().redact(text);
    expect(out).not.toMatch(/=v\d/);
    expect(out.split('=[REDACTED] ')).toHaveLength(40_001);
  });

  it('removes a key inside 1 MB of base64-encoded JSON', () => {
    const json = JSON.stringify({ pad: 'x'.repeat(700_000), apiKey: secrets.anthropicApiKey });
    const out = createRedactor().redact(`blob ${Buffer.from(json).toString('base64')} end`);
    expect(out).toBe('blob [REDACTED] end');
  });
});

describe('keys cut short', () => {
  it.each(['glpat-abcdefghij…', 'evidence ends in sk-ant-api03-abcd', 'xoxb-1234567…(truncated)'])(
    'removes what is left of a key that clipping cut: %s',
    (text) => {
      const out = createRedactor().redact(text);
      expect(out).toContain('[REDACTED]');
      expect(out).not.toMatch(/abcd|1234567/);
    },
  );
});

describe('every fuzzed shape, with fresh values', () => {
  const shapes = secretShapes();
  it.each(shapes.map((s) => [s.name, s] as const))(
    '%s: removed as it is, inside JSON and as evidence',
    (_n, shape) => {
      const forms = [shape.text, JSON.stringify({ message: shape.text }), clip(`seen: ${shape.text}`, 4_000)];
      for (const text of forms) expect(leaked(createRedactor().redact(text), [shape])).toEqual([]);
    },
  );
});
