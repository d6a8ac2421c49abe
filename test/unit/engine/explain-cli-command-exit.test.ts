import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * A CLI command other than the gateway exiting non-zero ("openclaw doctor exited with code 1"), or
 * a wrapper's call to the CLI failing ("openclaw exited with error: exit status 1"): the gateway
 * did not stop, and nothing of the route is said. A cause the text names outranks it. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('a CLI command exiting non-zero', () => {
  it.each([
    'Test connection failed: openclaw exited with error: exit status 1',
    'openclaw doctor exited with code 1',
    'moltbot agent --message hi exited with status 2',
  ])('is unknown, not the gateway down: %s', (text) => {
    const v = explain(text).verdict;
    expect(v.label).toBe('unknown');
    expect(v.rule).toBe('cli-command-exit');
  });

  it.each([
    'openclaw gateway exited with code 1',
    'Gateway exited with code 1 (uptime: 16s)',
    'openclaw process exited with code 137',
    'Job for openclaw-gateway.service failed because the control process exited with error code.',
  ])('the gateway exiting stays gateway_down: %s', (text) => {
    expect(verdict(text)).toBe('gateway_down');
  });

  it('a cause named beside it outranks it', () => {
    expect(verdict('openclaw onboard exited with code 1\nConfig invalid: gateway.mode is required')).toBe(
      'config_invalid',
    );
  });
});
