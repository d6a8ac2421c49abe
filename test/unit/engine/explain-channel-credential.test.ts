import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * A chat channel's own credential refused (a WhatsApp session logged out, a Feishu app's tenant
 * token or webhook check, a Telegram or Discord bot token): the channel cannot deliver, but the
 * model route is not shown failing, so no route label (not invalid_key for the 401) is the verdict.
 * A provider's refusal relayed through a channel keeps its label. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe("a channel's own credential refused", () => {
  it.each([
    '{"error":{"data":{"reason":"401"},"isBoom":true,"isServer":false,"output":{"statusCode":401,"payload":{"error":"Unauthorized","message":"Connection Failure"}}}}',
    'whatsapp: connection closed {"isBoom":true,"output":{"statusCode":403}}',
    '飞书插件获取tenant_access_token失败，返回400，鉴权失败',
    'lark: fetching tenant_access_token failed: app secret invalid',
    'feishu[main]: webhook anomaly path=/feishu/webhook status=401 count=3',
    'Slack webhook returned 403 forbidden for the events endpoint',
    'webhook signature verification failed for the dingtalk robot',
    'ETELEGRAM: 401 Unauthorized',
    "GrammyError: Call to 'getMe' failed! (401: Unauthorized)",
    '{"ok":false,"error_code":401,"description":"Unauthorized"}',
    'Error [TokenInvalid]: An invalid token was provided.',
    'telegram bot token rejected with 401 by the Bot API',
  ])('is no route failure: %s', (text) => {
    expect(verdict(text)).toBe('unknown');
  });
});

describe('a provider refusal a channel relays', () => {
  it.each([
    [
      'Telegram: ⚠️ Agent failed before reply: HTTP 401 authentication_error: invalid x-api-key',
      'invalid_key',
    ],
    ['飞书机器人回复：API key 无效，请检查', 'invalid_key'],
    ['Feishu bot answers: HTTP 403 permission_error', 'permission_denied'],
    ['discord channel: 429 rate_limit_error from anthropic', 'rate_limited'],
  ] as const)('keeps its label: %s', (text, label) => {
    expect(verdict(text)).toBe(label);
  });

  it('a route failure on another line outranks the channel', () => {
    const text = [
      'feishu[default]: webhook anomaly status=401',
      'HTTP 401 authentication_error: invalid x-api-key',
    ];
    expect(verdict(text.join('\n'))).toBe('invalid_key');
  });
});
