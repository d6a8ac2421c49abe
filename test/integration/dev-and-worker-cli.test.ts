import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPrefix, testPrefix, useRedis } from '../support/redis.js';
import { prepareScenario, runClawops } from '../support/scenario.js';

let redis: { url: string; stop(): Promise<void> };
beforeAll(async () => {
  redis = await useRedis();
});
afterAll(async () => redis.stop());

const SESSION = [
  '/claw help',
  '/claw diagnose',
  '1',
  '1',
  '/claw hosts',
  '/claw diagnose gw-elsewhere',
  '/claw frobnicate',
  'hello',
  'quit',
  '/claw diagnose',
].join('\n');

describe('clawops dev', () => {
  it.each([
    ['in-process, without REDIS_URL', false],
    ['through BullMQ, with REDIS_URL', true],
  ])('answers /claw commands and button numbers typed in the console, %s', async (_, withRedis) => {
    const s = await prepareScenario('invalid_key_401');
    const prefix = testPrefix();
    try {
      const env = { ...s.env, ...(withRedis ? { REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix } : {}) };
      const { code, stdout } = await runClawops(['dev'], env, `${SESSION}\n`);
      expect(code).toBe(0);
      expect(stdout).toMatch(withRedis ? /jobs through Redis/ : /in-process worker/);
      expect(stdout).toMatch(/\/claw diagnose \[host\] \[agent\]` — diagnose/);
      expect(stdout).toMatch(/⏳ diagnosing gw-test…\n(?:[✓✗] [\w-]+\n)*✓ gateway-status\n/);
      expect(stdout).toMatch(/🚨 gw-test: invalid_key — Anthropic rejected the key \(401\)/);
      expect(stdout).toMatch(/Owner: anthropic-account/);
      expect(stdout).toMatch(/\[1\] Replace the Anthropic API key\n {2}\[2\] Restart the gateway/);
      expect(stdout).toMatch(
        /→ Replace the Anthropic API key\n.*\n.*\n {4}\$ openclaw models auth paste-api-key/,
      );
      expect(stdout).toMatch(/there is no button 1/);
      expect(stdout).toMatch(/🟢 gw-test — live/);
      expect(stdout).toMatch(/unknown host "gw-elsewhere"/);
      expect(stdout).toMatch(/unknown command "frobnicate"/);
      expect(stdout).toMatch(/commands start with \/claw/);
      // Nothing after quit runs: one probe set for the one diagnosis.
      expect(s.calls().filter((c) => c.args.join(' ') === 'models status --json')).toHaveLength(1);
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
    expect(stderr).toMatch(/REDIS_URL: must start with redis:\/\//);
  });
});
