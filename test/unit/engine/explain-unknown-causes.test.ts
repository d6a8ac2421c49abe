import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain.js';
import { toLogEvent } from '../../../src/engine/log-events.js';

/**
 * Failures a text names that no route label fixes: a request refused for its shape, a CLI
 * command running out of memory. They outrank a success the same text reports, and give way to
 * any route failure it names. Made-up examples of each shape.
 */

describe('a request refused for its shape', () => {
  it.each([
    'Every call fails with HTTP 400. The key authenticates fine; the request body is rejected by the provider.',
    'LLM request failed: provider rejected the request schema or tool payload.',
    'the probe succeeds, but agent turns get "malformed request" back',
  ])('is unknown, not healthy: %s', (text) => {
    const v = explain(text).verdict;
    expect(v.label).toBe('unknown');
    expect(v.rule).toBe('request-rejected');
  });

  it('gives way to a route failure the same text names', () => {
    expect(explain('HTTP 400: invalid request body\nYour credit balance is too low').verdict.label).toBe(
      'billing',
    );
  });

  it("does not hide a call record's own failover reason", () => {
    const event = toLogEvent({
      time: 0,
      level: 'error',
      subsystem: 'agent/embedded',
      message: 'embedded run agent end',
      fields: {
        event: 'embedded_run_agent_end',
        isError: true,
        error: 'request payload is invalid',
        failoverReason: 'rate_limit',
        provider: 'anthropic',
      },
    });
    expect(event?.label).toBe('rate_limited');
  });
});

describe('a CLI command running out of memory', () => {
  it.each([
    'openclaw agent --message hi crashes with JavaScript heap out of memory',
    'Since 2026.4 `openclaw doctor` dies with heap out of memory on a 2 GB VPS',
  ])('is not the gateway going down: %s', (text) => {
    expect(explain(text).verdict.label).toBe('unknown');
  });

  it('the gateway running out of memory is', () => {
    expect(
      explain('openclaw gateway crashes with JavaScript heap out of memory every night').verdict.label,
    ).toBe('gateway_down');
    expect(
      explain('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory').verdict
        .label,
    ).toBe('gateway_down');
  });
});
