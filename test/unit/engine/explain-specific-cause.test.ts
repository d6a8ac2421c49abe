import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain.js';

/**
 * Shapes where a specific cause has to win over the generic symptom or the nearby word that names
 * another label: an environment value winning over the configured one, a config that fails its
 * schema, gateway auth whose two sides drifted apart, a bare "unauthorized" from the gateway, and
 * a symptom the text itself calls false. Each has a neighbour that must keep its own label.
 */

const verdict = (text: string) => explain(text).verdict;

describe('an environment value winning over the configured one', () => {
  it.each([
    ['GROQ_API_KEY exported in the unit silently overrides the key in openclaw.json', 'env-var-precedence'],
    ['Because MISTRAL_API_KEY took precedence, the profile key was never used.', 'env-var-precedence'],
    ['OPENCLAW_GATEWAY_TOKEN 环境变量会覆盖 gateway.auth.token', 'env-var-precedence'],
    [
      'With OPENCLAW_STATE_DIR=~/.openclaw set, state lands in a nested ~/.openclaw/.openclaw',
      'env-var-precedence',
    ],
    [
      'Both ANTHROPIC_API_KEY and a stored OAuth token set · auth may not work as expected',
      'env-var-precedence',
    ],
    [
      'Warning: config token differs from the service token; the service keeps the old one.',
      'env-precedence',
    ],
    ['A leftover key in my shell quietly moved every session onto metered API billing.', 'env-precedence'],
    ['It charges API billing instead of my Max subscription.', 'env-precedence'],
    ['I changed the token in .env, but the service keeps reading the stale value.', 'env-precedence'],
    ['Edits to the env file did not take effect until the unit was reinstalled.', 'env-precedence'],
    ['The launchd environment variables are a snapshot taken at install time.', 'env-precedence'],
  ])('reads %j as env_override', (text, rule) => {
    expect(verdict(text)).toMatchObject({ label: 'env_override', rule });
  });

  it('keeps a refusal the precedence causes, on the same line, as client auth', () => {
    const text =
      'OPENCLAW_GATEWAY_TOKEN in the unit overrides the config, so every CLI call fails with token_mismatch';
    expect(verdict(text).label).toBe('gateway_client_auth');
  });

  it('does not read a model override, billing on its own or a missing variable as precedence', () => {
    // No rule speaks for these words; only the learned fallback may guess.
    expect(verdict('Set OPENAI_API_KEY and add a model override for the agent').rule).toMatch(
      /^text-model\//,
    );
    expect(verdict('Your credit balance is too low to access the API billing').label).toBe('billing');
    expect(verdict('Environment variable OPENCLAW_GATEWAY_TOKEN is missing or empty.').label).toBe(
      'gateway_client_auth',
    );
  });
});

describe('a config that fails its schema or check', () => {
  it.each([
    'OpenClaw checks the config schema only at startup, so a typo in a key surfaces as a crash later.',
    'Gateway exits: the config schema check fails at agents.defaults',
    'The log never names the offending key, it just says the gateway stopped.',
    'after the upgrade the config check failed and the service stayed down',
    '升级后配置文件的校验失败，网关无法启动',
    '两个版本的配置字段不兼容',
    'after the upgrade the gateway fails schema validation on agents.defaults.sandbox',
    'the service crash-loops because of an unknown key in openclaw.json',
  ])('reads %j as config_invalid', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'config_invalid', rule: 'config-schema' });
  });

  it('keeps an invalid API key an invalid key, and a tool schema nothing of the config', () => {
    expect(verdict('Anthropic says: invalid key (401)').label).toBe('invalid_key');
    expect(verdict('the tool call fails schema validation: expected string').label).not.toBe(
      'config_invalid',
    );
  });
});

describe('gateway auth whose sides drifted apart', () => {
  it.each([
    'after the reinstall the dashboard token and the gateway token no longer match',
    'Control UI auth and the gateway auth went out of sync after the update',
    'the status probe fails because the CLI has no paired operator device token',
    'health check is refused: the client is missing a read-scope device credential',
  ])('reads %j as gateway_client_auth', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'gateway_client_auth', rule: 'client-auth-drift' });
  });

  it('does not read token counts or an API token as gateway auth', () => {
    expect(verdict('the gateway token count does not match the dashboard total').rule).toMatch(
      /^text-model\//,
    );
    expect(verdict('the gateway API token does not match, invalid x-api-key').label).toBe('invalid_key');
  });
});

describe('a bare "unauthorized" from the gateway', () => {
  it.each([
    'I keep getting unauthorized when I open the gateway dashboard',
    'the webchat page just shows Unauthorized',
    'the gateway says unauthorized right after pairing the phone',
  ])('reads %j as gateway_client_auth', (text) => {
    expect(verdict(text).label).toBe('gateway_client_auth');
  });

  it('keeps an unauthorized model call an invalid key', () => {
    expect(verdict('every agent turn ends with 401 unauthorized').label).toBe('invalid_key');
    expect(verdict('unauthorized when the gateway calls the provider').label).toBe('invalid_key');
  });
});

describe('a symptom the text itself calls false', () => {
  it.each([
    'The probe reports a timeout despite the gateway being fully operational.',
    'status shows a crash loop even though the service is up and running',
    'the wrapper falsely reports the gateway as stopped',
  ])('reads %j as healthy', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'healthy', rule: 'healthy-despite' });
  });

  it('lets a cause in the same text win over the disclaimer', () => {
    expect(verdict('401 invalid x-api-key despite the gateway being healthy').label).toBe('invalid_key');
    expect(verdict('EADDRINUSE even though the gateway is reachable').label).toBe('gateway_down');
  });

  it('reads OpenClaw status rows as healthy and a --timeout flag as no timeout', () => {
    const status =
      'openclaw status --deep --timeout 5000\nGateway service launchd installed · enabled · running';
    expect(verdict(status).label).toBe('healthy');
    expect(verdict('Gateway … reachable').label).toBe('healthy');
    expect(verdict('the probe timed out').label).toBe('network');
  });

  it('does not read "may not work as expected" as healthy', () => {
    expect(verdict('this setup may not work as expected').label).not.toBe('healthy');
    expect(verdict('it works as expected now').label).toBe('healthy');
  });
});
