import { describe, expect, it } from 'vitest';
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
});
