import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';
import { plainLetters } from '../../../src/engine/parse/text.js';

/**
 * Styled letters: chat apps, terminals and pages print a message in mathematical italic or bold
 * letters (𝘪𝘯𝘴𝘶𝘧𝘧𝘪𝘤𝘪𝘦𝘯𝘵) or full-width ones (ｑｕｏｔａ); the phrase rules read them as the plain
 * letters they stand for. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('styled letters', () => {
  it('are read as plain letters and digits', () => {
    expect(plainLetters('𝘪𝘯𝘴𝘶𝘧𝘧𝘪𝘤𝘪𝘦𝘯𝘵 𝐛𝐚𝐥𝐚𝐧𝐜𝐞 ４２９ ＡＰＩ')).toBe('insufficient balance 429 API');
  });

  it('leave other text as it is (CJK, full-width punctuation, emoji)', () => {
    const text = '余额不足，请充值（错误码：402）⚠️ ✅';
    expect(plainLetters(text)).toBe(text);
  });

  it.each([
    ['HTTP 500: api𝘦𝘳𝘳𝘰𝘳: 𝘪𝘯𝘴𝘶𝘧𝘧𝘪𝘤𝘪𝘦𝘯𝘵 𝘣𝘢𝘭𝘢𝘯𝘤𝘦', 'billing'],
    ['𝐑𝐚𝐭𝐞 𝐥𝐢𝐦𝐢𝐭 𝐞𝐱𝐜𝐞𝐞𝐝𝐞𝐝, slow down', 'rate_limited'],
    ['ｉｎｖａｌｉｄ ｘ-ａｐｉ-ｋｅｙ', 'invalid_key'],
  ] as const)('a message in them keeps its label: %s', (text, label) => {
    expect(verdict(text)).toBe(label);
  });

  it('a styled word that names no failure adds none', () => {
    expect(verdict('HTTP 500: 𝘪𝘯𝘵𝘦𝘳𝘯𝘢𝘭 hiccup')).toBe('overloaded');
  });
});
