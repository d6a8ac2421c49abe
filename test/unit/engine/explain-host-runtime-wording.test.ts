import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * The host side in a report's words: a remedy that restarts a client (not a gateway restart
 * loop), the Chinese "cannot connect to the gateway", a stalled agent session, a corrupted
 * dependency tree, and what health a report does and does not show. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('restarting as a remedy', () => {
  it('restarting the editor to fix a token is no gateway restart loop', () => {
    expect(verdict('Restarting the editor instance will fix this for the next hour.')).not.toBe(
      'gateway_down',
    );
  });
  it('a gateway that keeps restarting still is down', () => {
    expect(verdict('openclaw-gateway restarting every 5s')).toBe('gateway_down');
  });
});

describe('Chinese "cannot connect to the gateway"', () => {
  it.each(['当前还无法连到 Gateway', '控制台无法连接到网关'])('is gateway_down: %s', (text) => {
    expect(verdict(text)).toBe('gateway_down');
  });
});

describe('a stalled agent session with no recovery', () => {
  it('is unknown even when the gateway is said healthy', () => {
    expect(
      verdict(
        'stalled session agent:main state=processing activeWorkKind=model_call recovery=none; the gateway and channel are healthy',
      ),
    ).toBe('unknown');
  });
});

describe('a corrupted dependency tree', () => {
  it('is a broken install', () => {
    expect(verdict('plugin load failed: dependency tree corrupted; reinstall')).toBe('openclaw_missing');
  });
});

describe('health in a report', () => {
  it.each(['The connection test now returns green.', 'status check turned green after the fix'])(
    'a check going green is healthy: %s',
    (text) => {
      expect(verdict(text)).toBe('healthy');
    },
  );
  it.each([
    'The same API key works fine with direct curl requests.',
    'it works fine with plain curl, only the agent gets nothing back',
  ])('a curl comparison is not health: %s', (text) => {
    expect(verdict(text)).not.toBe('healthy');
  });
  it('works fine after the change still is healthy', () => {
    expect(verdict('After updating, it works fine now.')).toBe('healthy');
  });
});
