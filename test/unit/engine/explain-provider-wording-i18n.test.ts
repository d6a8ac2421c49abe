import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/** Provider failures told in Chinese or Japanese prose. Made-up examples. */
const verdict = (text: string): Label => explain(text).verdict.label;

describe('resources exhausted on the provider side', () => {
  it.each([
    'このエラーは、Google 側でリソースが枯渇しているため API 利用が制限されていることを意味します。',
    '调用失败：服务端资源已耗尽，请稍后再试',
  ])('is a rate limit: %s', (text) => {
    expect(verdict(text)).toBe('rate_limited');
  });
});

describe('the UI asks for a key', () => {
  it.each(['进入页面后还是提示需要配置 API Key', '容器里设置了变量，界面仍提示需要设置密钥'])(
    'is missing_auth: %s',
    (text) => {
      expect(verdict(text)).toBe('missing_auth');
    },
  );

  it('a key said to be wrong stays invalid_key', () => {
    expect(verdict('提示 API Key 错误')).toBe('invalid_key');
  });
});
