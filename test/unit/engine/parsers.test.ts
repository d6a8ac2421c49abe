import { describe, expect, it } from 'vitest';
import {
  parseGatewayStatusJson,
  parseGatewayStatusText,
  parseVersionLine,
} from '../../../src/engine/parse/gateway-status.js';
import { parseJsonLoose } from '../../../src/engine/parse/json.js';
import { parseLog, parseLogLine } from '../../../src/engine/parse/log-lines.js';
import { parseModelsStatusJson, parseModelsStatusText } from '../../../src/engine/parse/models-status.js';
import { capture, capturesOf } from '../../support/scenario.js';

const GARBAGE = [
  '',
  '   \n\n',
  '\u001b[31mError\u001b[0m',
  '{"auth": [unterminated',
  '<html>502 Bad Gateway</html>',
  'null',
  '[1,2,3]',
  '{"auth": "not an object", "defaultModel": 42}',
  '\u0000\u0007\u001b]0;title\u0007',
];

describe('parseJsonLoose', () => {
  it('reads JSON behind a banner, in colour and with trailing text', () => {
    const json = '{"a": {"b": 1}}';
    expect(parseJsonLoose(`Config warnings:\n- x\n${json}\nDone.`)).toEqual({
      ok: true,
      value: { a: { b: 1 } },
    });
    expect(parseJsonLoose(`\u001b[32m${json}\u001b[0m`)).toEqual({ ok: true, value: { a: { b: 1 } } });
  });

  it.each(GARBAGE.slice(0, 5))('turns %j into an error value, not a throw', (text) => {
    expect(parseJsonLoose(text).ok).toBe(false);
  });
});

describe('parseModelsStatusJson', () => {
  it('reads the unusable profile of the billing capture with its epoch `until`', () => {
    const status = parseModelsStatusJson(capture('billing', 'models_status_json.out'));
    // The label carries the state suffix (`[disabled:billing 9m]`); the masked key must not.
    expect(status?.providers[0]?.profileLabels).toEqual([
      { profileId: 'anthropic:default', display: 'sk-ant-a...key-0000' },
    ]);
    expect(status?.unusable).toEqual([
      {
        profileId: 'anthropic:default',
        provider: 'anthropic',
        kind: 'disabled',
        reason: 'billing',
        until: 1795553884515,
        remainingMs: 559378,
      },
    ]);
  });

  it('reads the expired OAuth profile and the stale env key', () => {
    expect(
      parseModelsStatusJson(capture('oauth_refresh_failed', 'models_status_json.out'))?.oauthProfiles[0],
    ).toMatchObject({
      profileId: 'anthropic:lab-oauth',
      type: 'oauth',
      status: 'expired',
    });
    const env = parseModelsStatusJson(capture('env_override', 'models_status_json.out'));
    expect(env?.providers[0]).toMatchObject({
      provider: 'anthropic',
      effectiveKind: 'profiles',
      profileLabels: [{ profileId: 'anthropic:default', display: 'sk-ant-a...key-0000' }],
      env: { value: 'sk-ant-a...key-9999', source: 'env: ANTHROPIC_API_KEY' },
    });
  });

  it.each(GARBAGE)('returns null or an empty view for %j', (text) => {
    const status = parseModelsStatusJson(text);
    if (status !== null) expect(status.providers).toEqual([]);
  });

  it('keeps what it can read of a truncated object', () => {
    const whole = capture('billing', 'models_status_json.out');
    expect(parseModelsStatusJson(whole.slice(0, whole.length / 2))).toBeNull();
  });
});

describe('parseModelsStatusText', () => {
  it('reads providers, unavailable profiles and OAuth status from the text form', () => {
    const billing = parseModelsStatusText(capture('billing', 'models_status.out'));
    expect(billing?.unusable[0]).toMatchObject({
      profileId: 'anthropic:default',
      kind: 'disabled',
      reason: 'billing',
    });
    expect(billing?.providers[0]?.profileLabels[0]).toEqual({
      profileId: 'anthropic:default',
      display: 'sk-ant-a...key-0000',
    });
    const oauth = parseModelsStatusText(capture('oauth_refresh_failed', 'models_status.out'));
    expect(oauth?.oauthProfiles[0]).toMatchObject({ profileId: 'anthropic:lab-oauth', status: 'expired' });
    const env = parseModelsStatusText(capture('env_override', 'models_status.out'));
    expect(env?.providers[0]?.env).toEqual({
      value: 'sk-ant-a...key-9999',
      source: 'env: ANTHROPIC_API_KEY',
    });
  });
});

describe('gateway status', () => {
  it('reads a refused RPC and a free port from the JSON form', () => {
    expect(parseGatewayStatusJson(capture('gateway_down', 'gateway_status_json.out'))).toMatchObject({
      cliVersion: '2026.9.6',
      portStatus: 'free',
      rpcOk: false,
      rpcError: 'connect ECONNREFUSED 127.0.0.1:18789',
    });
  });

  it('reads the auth code of a client-auth refusal and an invalid config', () => {
    expect(
      parseGatewayStatusJson(capture('gateway_client_auth', 'gateway_status_json.out'))?.rpcAuthCode,
    ).toBe('AUTH_TOKEN_MISMATCH');
    expect(parseGatewayStatusJson(capture('malformed_config', 'gateway_status_json.out'))?.configValid).toBe(
      false,
    );
  });

  it('reads the same facts from the text form', () => {
    const down = parseGatewayStatusText(
      capture('gateway_down', 'gateway_status.out'),
      capture('gateway_down', 'gateway_status.err'),
    );
    expect(down).toMatchObject({
      rpcOk: false,
      portStatus: 'free',
      logFile: '/tmp/openclaw/openclaw-2026-11-24.log',
    });
    const auth = parseGatewayStatusText(
      capture('gateway_client_auth', 'gateway_status.out'),
      capture('gateway_client_auth', 'gateway_status.err'),
    );
    expect(auth?.rpcError).toContain('unauthorized: gateway token mismatch');
    expect(auth?.listeners).toEqual([{ pid: 8311, command: 'openclaw-gateway' }]);
  });

  it('reads an early build whose JSON names neither its version nor its log file', () => {
    const early = capturesOf('2026.3.13');
    expect(parseGatewayStatusJson(capture('healthy', 'gateway_status_json.out', early))).toMatchObject({
      cliVersion: null,
      logFile: null,
      port: 18789,
      portStatus: 'busy',
      rpcOk: true,
    });
  });

  it('reads the version line of `openclaw --version`, for builds whose JSON has no cli.version', () => {
    expect(parseVersionLine('OpenClaw 2026.3.13 (61d171a)\n')).toBe('2026.3.13');
    expect(parseVersionLine('OpenClaw 2026.7.2-beta.3 (0a1b2c3)')).toBe('2026.7.2-beta.3');
    expect(parseVersionLine('error: unknown option')).toBeNull();
  });

  it.each(GARBAGE)('returns null for %j', (text) => {
    expect(parseGatewayStatusJson(text)).toBeNull();
    expect(parseGatewayStatusText(text, '')).toBeNull();
  });
});

describe('log lines', () => {
  it('reads the same event from the file line and from `logs --json`', () => {
    const fromFile = parseLog(capture('invalid_key_401', 'gateway_log_file.jsonl')).find(
      (e) => e.fields?.event === 'embedded_run_agent_end',
    );
    const fromCli = parseLog(capture('invalid_key_401', 'logs_json.out')).find(
      (e) => e.fields?.event === 'embedded_run_agent_end',
    );
    expect(fromFile?.fields?.httpCode).toBe('401');
    expect(fromCli).toEqual(fromFile);
    expect(fromFile).toMatchObject({ level: 'warn', subsystem: 'agent/embedded' });
  });

  it('reads plain lines and keeps unreadable ones as text', () => {
    expect(parseLogLine('2026-11-24T21:57:26.329+00:00 warn probing cooldowned auth profile')).toMatchObject({
      level: 'warn',
      message: 'probing cooldowned auth profile',
    });
    expect(parseLogLine('{"0": broken')).toMatchObject({ message: '{"0": broken', time: null });
    expect(parseLogLine('   ')).toBeNull();
  });
});
