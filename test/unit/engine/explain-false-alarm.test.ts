import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain.js';

/**
 * Gateway-side texts that are not a route failure, made-up examples of each shape: an indicator or
 * probe said to fail even when the gateway runs, a wrapper's gateway client dying while the gateway
 * stays up, and a fix or checklist saying the route works (English and Chinese); and the real
 * failures beside them that keep their label.
 */
const verdict = (text: string) => explain(text).verdict;

describe('a down indicator or failed probe while the gateway runs', () => {
  it.each([
    'The dashboard shows Offline even when the gateway is fully running',
    'The status page says the gateway is down even while it is actually running and answering chats',
    'The health probe gets a 404 even when the daemon is fully operational',
  ])('is healthy: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'healthy', rule: 'healthy-despite' });
  });

  it.each([
    ['even when the gateway is running, requests fail with 401 invalid x-api-key', 'invalid_key'],
    ['fallback does not trigger even when fallbacks are configured: 529 overloaded', 'overloaded'],
    ['The gateway is unreachable even when the service was running fine an hour ago', 'gateway_down'],
  ])('leaves a failure the text does not call false: %s', (text, label) => {
    expect(verdict(text).label).toBe(label);
  });
});

describe("a wrapper's gateway client dying", () => {
  it.each([
    "our bridge's gateway client crashed on reconnect while the gateway stayed up",
    'the app server kept answering /health, but its gateway client died at startup',
  ])('is unknown, not the gateway down: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'unknown', rule: 'gateway-client-died' });
  });

  it.each([
    ['gateway client died: connect ECONNREFUSED 127.0.0.1:18789', 'gateway_down'],
    ['the gateway crashed at startup', 'gateway_down'],
  ])('leaves the gateway itself failing: %s', (text, label) => {
    expect(verdict(text).label).toBe(label);
  });
});

describe('a fix or checklist saying the route works', () => {
  it.each([
    'solved.\nremoved the cache and logged in again',
    'deleted the stale profile, problem solved',
    'openclaw models status 无明显错误',
    'openclaw models status --probe 成功',
    '实际对话能正常生成回复',
  ])('is healthy: %s', (text) => {
    expect(verdict(text).label).toBe('healthy');
  });

  it.each([
    ['problem solved? no, still 429 too many requests', 'rate_limited'],
    ['对话无法正常生成回复', 'unknown'],
  ])('leaves a failure or a negation alone: %s', (text, label) => {
    expect(verdict(text).label).toBe(label);
  });
});
