import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * A working route told in words other rows did not use: a failure report "even when" the service
 * is operational, a problem said to be solved, a Chinese acceptance checklist (probe succeeds, no
 * obvious errors, replies generated normally). Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('a route that works', () => {
  it.each([
    'The probe hits GET /v1/health, which answers 404, so it reports ok=false even when the daemon is fully operational.',
    'problem solved',
    'Re-ran the login and the issue is resolved.',
    'openclaw models status --probe 成功',
    'openclaw models status 无明显错误',
    '实际对话能正常生成回复',
  ])('is healthy: %s', (text) => {
    expect(verdict(text)).toBe('healthy');
  });
});

describe('neighbours that keep their own label', () => {
  it.each([
    ['对话不能正常回复,日志显示 HTTP 429', 'rate_limited'],
    ['HTTP 401 even when the key was just created', 'invalid_key'],
    ['problem solved? no, still 529 overloaded_error', 'overloaded'],
  ])('%s', (text, label) => {
    expect(verdict(text)).toBe(label);
  });

  it('a reply that does not come is no healthy route (Chinese)', () => {
    expect(verdict('机器人无法正常回复')).not.toBe('healthy');
  });
});
