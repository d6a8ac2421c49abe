import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, testPrefix, useRedis } from '../support/redis.js';
import { prepareScenario, runClawops } from '../support/scenario.js';

let redis: { url: string; stop(): Promise<void> };
beforeAll(async () => {
  redis = await useRedis();
});
afterAll(async () => redis.stop());

const SESSION =
  '/claw help\n/claw diagnose\n/claw hosts\n/claw diagnose gw-elsewhere\n/claw frobnicate\nquit\n';

describe('clawops dev', () => {
  it.each([
    ['in-process, without REDIS_URL', false],
    ['through BullMQ, with REDIS_URL', true],
  ])('answers /claw commands typed in the console, %s', async (_, withRedis) => {
    const s = await prepareScenario('invalid_key_401');
    const prefix = testPrefix();
    try {
      const env = { ...s.env, ...(withRedis ? { REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix } : {}) };
      const { code, stdout } = await runClawops(['dev'], env, SESSION);
      expect(code).toBe(0);
      expect(stdout).toMatch(withRedis ? /jobs through Redis/ : /in-process worker/);
      expect(stdout).toMatch(/\/claw diagnose \[host\]/);
      expect(stdout).toMatch(/diagnosing gw-test…/);
      expect(stdout).toMatch(/invalid_key/);
      expect(stdout).toMatch(/^gw-test\s+live\s/m);
      expect(stdout).toMatch(/unknown host "gw-elsewhere"/);
      expect(stdout).toMatch(/unknown command "\/claw frobnicate"/);
    } finally {
      await s.stop();
      await dropPrefix(redis.url, prefix);
    }
  });
});

describe('clawops worker', () => {
  it('refuses to start without REDIS_URL and says what to do', async () => {
    const { code, stderr } = await runClawops(['worker'], { PATH: process.env.PATH ?? '' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/needs REDIS_URL/);
  });

  it('refuses a malformed REDIS_URL before connecting anywhere', async () => {
    const { code, stderr } = await runClawops(['worker'], {
      PATH: process.env.PATH ?? '',
      REDIS_URL: 'localhost',
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/must start with redis:\/\/.*at REDIS_URL/s);
  });
});
