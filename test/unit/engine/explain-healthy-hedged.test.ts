import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * Health said only to be taken back: "finishes with no issues, but onboard says…", "teams conclude
 * the stack is healthy and…". Neither is a report of a working route. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('health that the sentence takes back', () => {
  it.each([
    '`openclaw setup` finishes with no issues, but the wizard then says setup was never run',
    'doctor reports no issues found; but the agent still never answers',
    'Operators who only load the dashboard conclude the stack is healthy and lose hours elsewhere',
    'We assumed everything was healthy until the queue backed up',
  ])('is not healthy: %s', (text) => {
    expect(verdict(text)).not.toBe('healthy');
  });

  it.each([
    'openclaw doctor: no issues found',
    'Gateway: healthy, RPC probe: ok',
    'Ran the upgrade, no issues. Replies come back in two seconds.',
    'The gateway is healthy again after the restart',
  ])('health said outright stays healthy: %s', (text) => {
    expect(verdict(text)).toBe('healthy');
  });
});
