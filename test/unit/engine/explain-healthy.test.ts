import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain.js';

const HEALTHY = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/captures/2026.9.6/healthy');
const capture = (file: string): string => readFileSync(join(HEALTHY, file), 'utf8');

/**
 * Healthy evidence in the words OpenClaw prints when things are fine (gateway status, gateway probe,
 * status, health, models status, a finished turn) and in the words people use for it, and the
 * failure printed beside it, which still wins. Other wordings of failures the rules learned from
 * the corpus's train rows and OpenClaw's message strings.
 */

const verdict = (text: string) => explain(text).verdict;

describe('healthy evidence', () => {
  it.each([
    // openclaw gateway status (2026.9.6)
    'Connectivity probe: ok\nCapability: connected-no-operator-scope\n\nListening: 127.0.0.1:18789',
    'Listening: 127.0.0.1:18789, [::1]:18789',
    // openclaw status: the Gateway row, with a latency in seconds
    'Gateway │ local · ws://127.0.0.1:18789 (local loopback) · reachable 2.43s · auth token',
    'Tasks │ 0 active · 0 queued · 0 running · no issues · audit clean · 1 tracked',
    // openclaw status --all
    '✓ Port 18789\nDetected OpenClaw Gateway listener on the configured port.',
    // openclaw health --json, a finished agent turn, models status --json
    '{\n  "ok": true,\n  "ts": 1795557479831,\n  "durationMs": 11\n}',
    '{"runId": "258ecc96", "status": "ok", "summary": "completed"}',
    '"auth": { "missingProvidersInUse": [] }',
    'models.list reports the configured Anthropic model as available: true',
    // people
    'The models work fine at runtime.',
    'local Claude CLI invocation still worked',
    'the gateway is actually running and answering RPC',
    'Gateway process running (PID 17961). No action required - gateway running normally',
  ])('recognises %j as healthy', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'healthy', rule: 'healthy' });
  });

  it.each([
    'agent.out',
    'health_json.out',
    'models_status_json.out',
    'models_status_probe.err',
    'gateway_status.out',
    'status.out',
  ])('reads the healthy lab capture %s, whole, as healthy', (file) => {
    expect(verdict(capture(file)).label).toBe('healthy');
  });

  it('does not read counts, empty lists or "without restarting" as failures', () => {
    expect(verdict('"summaryChars": 503, "contextTokens": 429').label).toBe('unknown');
    expect(verdict('"unusableProfiles": []').label).toBe('unknown');
    expect(verdict('"unusableProfiles": [{"profileId": "anthropic:default"}]').label).toBe('cooldown');
    expect(verdict('Change will apply without restarting the gateway.').label).toBe('unknown');
    expect(verdict('HTTP 503 from api.anthropic.com').label).toBe('overloaded');
  });

  it.each([
    [
      'Connectivity probe: ok\nLLM request failed: 401 authentication_error: invalid x-api-key',
      'invalid_key',
    ],
    ['Listening: 127.0.0.1:18789\nNo API key found for provider "anthropic".', 'missing_auth'],
    [
      'The CLI still works, but the gateway says: unauthorized: gateway token mismatch',
      'gateway_client_auth',
    ],
    ['"status": "ok"\nanthropic/claude-opus-5: 429 rate_limit_error', 'rate_limited'],
    ['reachable 12ms · auth token\nGateway not reachable. Is it running and accessible?', 'gateway_down'],
  ])('lets a failure beside it win: %j', (text, label) => {
    expect(verdict(text).label).toBe(label);
  });

  it('does not take a crash of something else for the gateway going down', () => {
    expect(verdict('OK I tested the local model server. It crashed with an OOM error!').label).not.toBe(
      'gateway_down',
    );
    expect(verdict('the openclaw gateway crashed again overnight').label).toBe('gateway_down');
    expect(verdict('container openclaw-gateway was OOM killed').label).toBe('gateway_down');
  });
});

describe('other wordings of failures', () => {
  it.each([
    // shells and runtimes that cannot run the CLI
    ['fish: Unknown command: openclaw', 'openclaw_missing'],
    ["openclaw : The term 'openclaw' is not recognized ... CommandNotFoundException", 'openclaw_missing'],
    ['openclaw.ps1 cannot be loaded because running scripts is disabled on this system.', 'openclaw_missing'],
    ["/usr/bin/env: 'node': No such file or directory", 'openclaw_missing'],
    ['[Shell] 执行 openclaw 失败: program not found', 'openclaw_missing'],
    ['inside the container openclaw is not available in $PATH', 'openclaw_missing'],
    ["my agent can't run the openclaw command inside its sandbox", 'openclaw_missing'],
    // gateway runtime
    ['这5个进程都尝试监听同一个端口 18789，导致端口冲突！', 'gateway_down'],
    ['不管哪一个版本都无法连接openclaw的网关，18789', 'gateway_down'],
    [
      'connect() failed (111: Connection refused) while connecting to upstream, upstream: "http://127.0.0.1:18789/"',
      'gateway_down',
    ],
    ['openclaw-gateway.service: Main process exited, code=exited, status=217/USER', 'gateway_down'],
    ['FATAL ERROR: Reached heap limit Allocation failed', 'gateway_down'],
    ['mkdir: 无法创建目录 "/home/node/.openclaw": 权限不够', 'gateway_down'],
    ["mkdir: cannot create directory '/home/node/.openclaw': Permission denied", 'gateway_down'],
    ['配置管理功能似乎无法写出正确的 json 配置文件', 'config_invalid'],
    [
      'the provider entries are missing from models.providers, so the models are not showing up in the model selector',
      'model_unavailable',
    ],
    // gateway/client auth
    ['Gateway error: missing device identity id', 'gateway_client_auth'],
    ['gateway close with 1008 (device identity mismatch / device signature invalid)', 'gateway_client_auth'],
    ['1162 WS rejections; 0 occurrences of token_mismatch', 'gateway_client_auth'],
    ['I get a 403 from the oauth2-proxy in front of the gateway', 'gateway_client_auth'],
    // credentials and their sources
    ['Claude login has expired. Run claude /login again.', 'oauth_refresh_failed'],
    ['Ok, my refresh token was invalid.', 'oauth_refresh_failed'],
    [
      'the gateway daemon could not resolve the key since systemd services do not inherit shell env vars',
      'env_override',
    ],
    ['"missingProvidersInUse": ["anthropic"]', 'missing_auth'],
    [
      'anthropic API key validation failed: anthropic API key lacks required permissions',
      'permission_denied',
    ],
    ['[1305][该模型当前访问量过大，请您稍后再试]', 'overloaded'],
  ])('%j is %s', (text, label) => {
    expect(verdict(text).label).toBe(label);
  });

  it('reads a provider put into cooldown as a cooldown, with the reason it names', () => {
    const v = verdict(
      'OpenClaw puts both configured providers (anthropic/claude-opus-4-6 and openai-codex/gpt-5.3-codex) into cooldown; the reason is "rate_limit"',
    );
    expect(v).toMatchObject({ label: 'cooldown', rule: 'cooldown-described', cause: 'rate_limited' });
  });
});
