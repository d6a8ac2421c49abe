import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * Chinese for a gateway (or the container it runs in) that will not start, keeps restarting or
 * never opens its port: a symptom of the gateway being down, as "failed to start" and "keeps
 * restarting" are in English. Any cause the same text names outranks it. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('the gateway not starting, said in Chinese', () => {
  it.each([
    '升级到新版本之后容器反复重启',
    'openclaw 网关今天早上突然起不来了',
    '改完 bind 之后就启动不了',
    '服务显示运行中，但是 18789 端口没有监听',
    '配置完以后 docker 里面的 gateway 一直重启',
    '重装了两次还是无法正常启动',
  ])('is the gateway down: %s', (text) => {
    expect(verdict(text)).toBe('gateway_down');
  });

  it.each([
    ['容器一直重启，日志里是 Config invalid: gateway.bind', 'config_invalid'],
    ['网关起不来，报错 openclaw: command not found', 'openclaw_missing'],
    ['启动不了，日志显示 unauthorized: gateway token mismatch', 'gateway_client_auth'],
  ] as const)('gives way to a cause the text names: %s', (text, label) => {
    expect(verdict(text)).toBe(label);
  });

  it.each(['我想不起来当时改了什么配置', '网关启动成功，可以正常回复了'])(
    'other words with the same characters are not: %s',
    (text) => {
      expect(verdict(text)).not.toBe('gateway_down');
    },
  );
});
