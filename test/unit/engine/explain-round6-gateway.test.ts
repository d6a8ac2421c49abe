import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain.js';

/**
 * Shapes the sixth round showed the rules missing, each with made-up examples: the gateway said
 * to reject "your" connection, a client token that does not match what the gateway expects,
 * Korean and Japanese for a client/gateway token mismatch, a read probe limited by scope beside
 * a reachable gateway, a signed-in status record, a package install killed by a signal, Chinese
 * for a CLI that cannot be recognised, and an unreadable credential store; and where each gives way.
 */
const verdict = (text: string) => explain(text).verdict;

describe('the gateway refusing a client, said in prose', () => {
  it.each([
    'HTTP 401 Unauthorized: the gateway rejected your connection, check the token',
    'Error 401: authentication failed. The password you entered does not match what the gateway expects.',
    'The gateway rejected my token after the upgrade (401 unauthorized)',
  ])('is gateway_client_auth, over the bare 401: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'gateway_client_auth', rule: 'client-auth-message' });
  });

  it('leaves a provider 401 to invalid_key', () => {
    expect(verdict('HTTP 401 Unauthorized: authentication failed, invalid x-api-key').label).toBe(
      'invalid_key',
    );
  });
});

describe('a client/gateway token mismatch in Korean or Japanese', () => {
  it.each([
    '대시보드가 계속 끊깁니다. 원인: 클라이언트와 게이트웨이 토큰 불일치',
    'Gateway 인증 토큰이 일치하지 않음 — 다시 페어링하세요',
    'クライアントとゲートウェイのトークンが一致しない場合は再接続してください',
  ])('is gateway_client_auth: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'gateway_client_auth', rule: 'client-auth-inconsistent' });
  });

  it('needs the gateway or client named', () => {
    expect(verdict('API 토큰 불일치').label).not.toBe('gateway_client_auth');
  });
});

describe('a read probe limited by scope beside a reachable gateway', () => {
  it.each([
    'Reachable: yes\nCapability: connected\nRead probe: limited - missing scope: operator.read',
    'Runtime: running · Connectivity probe: ok · Read probe: limited: missing scope: operator.read',
    'Reachable: yes (12ms)\nRead probe: limited (missing scope: operator.read)',
  ])('is healthy, not a client refusal: %s', (text) => {
    expect(verdict(text).label).toBe('healthy');
  });

  it('still reads a refused call for a missing scope as gateway_client_auth', () => {
    expect(verdict('gateway call failed: missing scope: operator.read').label).toBe('gateway_client_auth');
  });
});

describe('a status record that says the client is signed in and ready', () => {
  it.each([
    'auth check:\n  loggedIn = true\n  method = subscription',
    'authentication.state = authorized',
    'provider readiness: ready (signed in)',
    '{"loggedIn": true, "authMethod": "claude.ai"}',
  ])('is healthy: %s', (text) => {
    expect(verdict(text).label).toBe('healthy');
  });

  it('gives way to a rejection the same text shows', () => {
    expect(verdict('`loggedIn: true`, yet every call fails: 401 invalid x-api-key').label).toBe(
      'invalid_key',
    );
  });
});

describe('a package install of the CLI killed by a signal', () => {
  it.each([
    'setup.sh: line 42:  4711 Killed                  npm install -g openclaw',
    './bootstrap: line 7: 123 Segmentation fault (core dumped) sudo npm i -g openclaw@2026.9.1',
    'line 3: 99 Illegal instruction   pnpm add -g openclaw',
  ])('is openclaw_missing: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'openclaw_missing', rule: 'install-crashed' });
  });

  it('leaves a gateway that segfaults to gateway_down', () => {
    expect(verdict('openclaw gateway: Segmentation fault (core dumped)').label).toBe('gateway_down');
  });
});

describe('a CLI that cannot be recognised, in Chinese', () => {
  it.each(['装完了但是终端识别不了 openclaw', '系统无法识别openclaw，重装也一样'])(
    'is openclaw_missing: %s',
    (text) => {
      expect(verdict(text).label).toBe('openclaw_missing');
    },
  );

  it('leaves unrecognised config keys to config_invalid', () => {
    expect(verdict('配置文件里有些 key 无法识别').label).toBe('config_invalid');
  });
});

describe('a credential store the agent cannot read', () => {
  it.each([
    "Agent failed: EPERM: operation not permitted, open '/home/bot/.openclaw/agents/ops/agent/auth-profiles.json'",
    'EACCES reading auth-profiles.json (owned by root)',
  ])('is unknown, not a gateway that is down: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'unknown', rule: 'auth-store-unreadable' });
  });

  it('leaves a state directory the gateway cannot create to gateway_down', () => {
    expect(verdict("EACCES: permission denied, mkdir '/srv/.openclaw'").label).toBe('gateway_down');
  });
});
