import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';
import { TEXT_MODEL, type TextModel } from '../../../src/engine/text-model.js';

/**
 * A failure told with no error shown at all ("没有任何错误提示", "fails without any error
 * message"): nothing in it says why, so the verdict is `unknown` and the learned model does not
 * guess. Every failure the text does name outranks it. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('a failure with no error shown', () => {
  it.each([
    '重启网关之后两个模型都不回复了，没有任何错误提示',
    'After adding the second provider both models stopped answering, without any error message.',
    'The agent just stops; no error is shown in the chat or the logs.',
  ])('is unknown, not a guess: %s', (text) => {
    const v = explain(text).verdict;
    expect(v.label).toBe('unknown');
    expect(v.rule).toBe('no-error-shown');
  });

  it('silences the learned model', () => {
    const eager: TextModel = { ...TEXT_MODEL, minProbability: 0, minMargin: 0 };
    expect(explain('网关重启以后没有任何错误提示', undefined, eager).verdict.rule).toBe('no-error-shown');
  });

  it.each([
    ['The gateway crashed without any error message', 'gateway_down'],
    ['openclaw.json 语法错误时静默崩溃，没有任何错误提示', 'config_invalid'],
    ['No error is shown in the UI, but the log has HTTP 429 rate_limit_error', 'rate_limited'],
  ] as const)('gives way to a failure the text names: %s', (text, label) => {
    expect(verdict(text)).toBe(label);
  });
});
