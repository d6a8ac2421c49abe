import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { generateSecrets } from '../support/secrets.js';

describe('the structured log', () => {
  it('writes JSON lines and redacts secrets in messages and in nested fields', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clawops-log-'));
    try {
      const fd = openSync(join(dir, 'log'), 'w');
      const s = generateSecrets();
      const log = createLogger('info', [s.devicePassword], fd);
      log.info(
        {
          event: 'request',
          requestId: 'slack-1',
          detail: { header: `x-api-key: ${s.anthropicApiKey}` },
          list: [s.slackBotToken],
        },
        `failed with ${s.anthropicOauthToken} and ${s.devicePassword}`,
      );
      closeSync(fd);
      const text = readFileSync(join(dir, 'log'), 'utf8');
      const line = JSON.parse(text.trim()) as Record<string, unknown>;
      expect(line).toMatchObject({ event: 'request', requestId: 'slack-1', level: 30 });
      for (const secret of [s.anthropicApiKey, s.anthropicOauthToken, s.slackBotToken, s.devicePassword])
        expect(text).not.toContain(secret);
      expect(text).toMatch(/sk-ant-/); // the kind of key stays readable
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
