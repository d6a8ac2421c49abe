import { describe, expect, it } from 'vitest';
import { isSecretName, parseEnvFile, secretsInConfig, secretsInEnv } from '../../../src/engine/secrets.js';
import { generateSecrets } from '../../support/secrets.js';

const s = generateSecrets();

describe('secrets in the OpenClaw config', () => {
  it('finds every value under a secret-looking key, all of env.vars and URL passwords', () => {
    const config = {
      gateway: { auth: { mode: 'token', token: s.gatewayToken }, remote: { password: s.devicePassword } },
      channels: {
        telegram: { botToken: `${s.devicePassword}tg` },
        slack: { signingSecret: `${s.devicePassword}ss`, appToken: s.slackAppToken },
        discord: { token: `${s.devicePassword}dc` },
      },
      hooks: { webhookSecret: `${s.devicePassword}wh`, clientCredentials: `${s.devicePassword}cc` },
      models: {
        providers: { openrouter: { apiKey: s.openrouterKey, baseUrl: 'https://openrouter.ai/api' } },
      },
      env: {
        vars: { SOME_SETTING: `${s.devicePassword}ev`, REDIS: `redis://:${s.devicePassword}rp@r:6379` },
      },
      auth: { profiles: { 'anthropic:default': { provider: 'anthropic', mode: 'api_key' } } },
      agents: { defaults: { model: { primary: 'anthropic/claude-opus-4-1' } } },
    };
    const found = secretsInConfig(config);
    for (const v of [
      s.gatewayToken,
      s.devicePassword,
      `${s.devicePassword}tg`,
      `${s.devicePassword}ss`,
      s.slackAppToken,
      `${s.devicePassword}dc`,
      `${s.devicePassword}wh`,
      `${s.devicePassword}cc`,
      s.openrouterKey,
      `${s.devicePassword}ev`,
      `${s.devicePassword}rp`,
    ])
      expect(found).toContain(v);
    // Modes, providers, profile ids, model ids and URLs without credentials are not secrets.
    for (const v of [
      'token',
      'anthropic',
      'api_key',
      'anthropic/claude-opus-4-1',
      'https://openrouter.ai/api',
    ])
      expect(found).not.toContain(v);
  });
});

describe('secrets in an environment', () => {
  it('takes every secret-looking variable, not only the Anthropic and OpenClaw ones', () => {
    const env = {
      TELEGRAM_BOT_TOKEN: `${s.devicePassword}tg`,
      AWS_SECRET_ACCESS_KEY: `${s.devicePassword}aws`,
      DB_PASSWORD: `${s.devicePassword}db`,
      github_pat: `${s.devicePassword}gh`,
      REDIS_URL: `redis://:${s.devicePassword}rd@redis:6379`,
      HOME: '/home/openclaw',
      PWD: '/srv/openclaw',
      SSH_AUTH_SOCK: '/run/user/1000/ssh-agent.sock',
      OPENCLAW_PROFILE: 'default',
    };
    expect(secretsInEnv(env).sort()).toEqual(
      [
        `${s.devicePassword}tg`,
        `${s.devicePassword}aws`,
        `${s.devicePassword}db`,
        `${s.devicePassword}gh`,
        `${s.devicePassword}rd`,
      ].sort(),
    );
  });

  it.each([
    ['botToken', true],
    ['x-api-key', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['signingSecret', true],
    ['clientCredentials', true],
    ['maxTokens', false],
    ['monkey', false],
    ['keyboardLayout', false],
    ['PWD', false],
  ])('%s is a secret name: %s', (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });
});

describe('env files', () => {
  it('reads dotenv lines and systemd Environment= lines', () => {
    const text = [
      '# managed by openclaw',
      `export TELEGRAM_BOT_TOKEN="${s.devicePassword}"`,
      `ANTHROPIC_API_KEY='${s.anthropicApiKey}'`,
      `Environment="OPENCLAW_GATEWAY_TOKEN=${s.gatewayToken}" SLACK_SIGNING_SECRET=${s.devicePassword}x`,
      '',
      'NOT A LINE',
    ].join('\n');
    expect(parseEnvFile(text)).toEqual({
      TELEGRAM_BOT_TOKEN: s.devicePassword,
      ANTHROPIC_API_KEY: s.anthropicApiKey,
      OPENCLAW_GATEWAY_TOKEN: s.gatewayToken,
      SLACK_SIGNING_SECRET: `${s.devicePassword}x`,
    });
  });
});
