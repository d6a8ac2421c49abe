import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain.js';
import { toLogEvent } from '../../../src/engine/log-events.js';
import { mayMatter, scanLogText } from '../../../src/engine/log-scan.js';
import { parseLog } from '../../../src/engine/parse/log-lines.js';
import { capture, SCENARIOS } from '../../support/scenario.js';

const everyLine = (text: string) => parseLog(text).flatMap((e) => toLogEvent(e) ?? []);

describe('scanning a log for route events', () => {
  it.each(SCENARIOS)('finds exactly the events that parsing every line finds: %s', (scenario) => {
    for (const file of ['gateway_log_file.jsonl', 'logs_json.out', 'logs.out']) {
      const text = capture(scenario, file);
      expect(scanLogText(text)).toEqual(everyLine(text));
    }
  });

  it('lets through JSON-escaped quotes, and skips lines about nothing', () => {
    const quoted = JSON.stringify({
      0: 'No API key found for provider "openrouter". Auth store: x',
      _meta: { logLevelName: 'ERROR' },
    });
    expect(mayMatter(quoted)).toBe(true);
    const nested = JSON.stringify({
      type: 'raw',
      raw: JSON.stringify({ 0: 'Model "anthropic/x" is not allowed.' }),
    });
    expect(mayMatter(nested)).toBe(true);
    expect(scanLogText(nested)).toEqual(everyLine(nested));
    expect(mayMatter('{"0":"{\\"subsystem\\":\\"gateway/ws\\"}","1":"⇄ res ✓ health 12ms"}')).toBe(false);
  });

  it('takes no route event from what says nothing of the route: a context overflow, a tool run, a channel credential', () => {
    const text = [
      '2026-11-24T21:33:20.000+00:00 error [agent] Context limit exceeded. I reset the session, please try again.',
      "2026-11-24T21:33:21.000+00:00 error [tools] exec host=node command='sw_vers' exited 1",
      '2026-11-24T21:33:22.000+00:00 error [telegram] ETELEGRAM: 401 Unauthorized',
      '2026-11-24T21:33:23.000+00:00 error [feishu] failed to get tenant_access_token: invalid app secret',
      '2026-11-24T21:33:24.000+00:00 error [agent] LLM request failed: HTTP 401 authentication_error: invalid x-api-key',
    ].join('\n');
    expect(scanLogText(text).map((e) => e.label)).toEqual(['invalid_key']);
    expect(scanLogText(text)).toEqual(everyLine(text));
  });

  it('lets through a cause written in another script, and what parsing every line finds of it', () => {
    const text = [
      '2026-11-24T21:33:24.000+00:00 error [agent] LLM request failed: 余额不足，请充值',
      '2026-11-24T21:33:25.000+00:00 info [gateway] ready',
    ].join('\n');
    expect(mayMatter(text.split('\n')[0] as string)).toBe(true);
    expect(scanLogText(text).map((e) => e.label)).toEqual(['billing']);
    expect(scanLogText(text)).toEqual(everyLine(text));
  });

  it('lets through a message that says something only as the phrase rules read it: blanks doubled, styled letters, Traditional Chinese', () => {
    const text = [
      '2026-11-24T21:33:20.000+00:00 error [agent] LLM request failed: No  API  key  found  for  provider  "anthropic".',
      '2026-11-24T21:33:21.000+00:00 error [agent] LLM request failed: 𝗶𝗻𝘃𝗮𝗹𝗶𝗱 𝘅-𝗮𝗽𝗶-𝗸𝗲𝘆',
      '2026-11-24T21:33:22.000+00:00 error [agent] LLM request failed: 餘額不足，請充值',
    ].join('\n');
    for (const line of text.split('\n')) expect(mayMatter(line)).toBe(true);
    expect(scanLogText(text).map((e) => e.label)).toEqual(['missing_auth', 'invalid_key', 'billing']);
    expect(scanLogText(text)).toEqual(everyLine(text));
  });

  it('reads a log line for causes, not for a symptom that could be about a channel or plugin', () => {
    const line = '2026-11-24T21:33:24.000+00:00 error [telegram] request forbidden, retrying';
    expect(explain(line).verdict.label).toBe('permission_denied');
    expect(everyLine(line)).toEqual([]);
    expect(mayMatter(line)).toBe(false);
  });

  it('lets through the records and bodies that are read by their fields, plain or inside JSON', () => {
    const lines = [
      '2026-11-24T21:33:20.394+00:00 warn [model-fallback] decision=skip_cooldown requestedProvider=anthropic reason=billing',
      '2026-11-24T21:33:21.000+00:00 error agent failed: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      "2026-11-24T21:33:22.000+00:00 error auth event {'name': 'oauth_refresh', 'status': 'failed'}",
      '2026-11-24T21:33:23.000+00:00 warn window=disabled reason=billing',
    ];
    const inJson = lines.map((l) =>
      JSON.stringify({ 0: l.replace(/^\S+ \S+ /, ''), _meta: { logLevelName: 'ERROR' } }),
    );
    for (const text of [lines.join('\n'), inJson.join('\n')]) {
      const events = scanLogText(text);
      expect(events.map((e) => e.label)).toEqual([
        'cooldown',
        'overloaded',
        'oauth_refresh_failed',
        'cooldown',
      ]);
      expect(events).toEqual(everyLine(text));
    }
  });
});
