import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { postSigned, slashBody, startFakeSlack } from '../../support/fake-slack.js';
import { dropPrefix, freePort, startRedisServer, testPrefix, useRedis } from '../../support/redis.js';
import { prepareScenario, runClawops } from '../../support/scenario.js';
import { slackBotEnv, spawnBot, spawnWorker } from '../../support/workers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

describe('clawops bot with Slack, end to end', () => {
  it('takes a signed /claw diagnose, has the worker on the host diagnose it through Redis, and posts the verdict', async () => {
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(redis.url, prefix));
    const fake = await startFakeSlack();
    cleanups.push(() => fake.stop());
    const s = await prepareScenario('missing_auth');
    cleanups.push(() => s.stop());
    const common = { REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix };
    const worker = await spawnWorker({ ...s.env, ...common, CLAWOPS_HOST: 'gw-7' });
    cleanups.push(() => worker.stop());
    const port = await freePort();
    const bot = await spawnBot(
      {
        PATH: process.env.PATH ?? '',
        ...common,
        ...slackBotEnv(fake, port),
      },
      ['Slack'],
    );
    cleanups.push(() => bot.stop());
    const form = new URLSearchParams(slashBody(fake, 'diagnose gw-7')).toString();
    expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, form)).status).toBe(200);
    const final = await fake.waitFor(
      (c) => c.method === 'chat.update' && JSON.stringify(c.args.blocks ?? []).includes('gw-7: missing_auth'),
    );
    expect(JSON.stringify(final.args.blocks)).toMatch(/openclaw-config/);
    expect(await bot.stop()).toBe(0);
  });

  it("writes Bolt's own warnings as JSON log lines", async () => {
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const fake = await startFakeSlack();
    cleanups.push(() => fake.stop());
    const port = await freePort();
    const bot = await spawnBot(
      {
        PATH: process.env.PATH ?? '',
        REDIS_URL: redis.url,
        CLAWOPS_REDIS_PREFIX: testPrefix(),
        ...slackBotEnv(fake, port),
      },
      ['Slack'],
    );
    cleanups.push(() => bot.stop());
    const form = new URLSearchParams(slashBody(fake, 'diagnose')).toString();
    const url = `http://127.0.0.1:${port}/slack/events`;
    expect((await postSigned(url, form, { secret: 'not-the-secret' })).status).toBe(401);
    expect(await bot.stop()).toBe(0);
    const lines = bot
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    const bolt = lines.map((l) => JSON.parse(l) as { msg?: string; sdk?: string }).find((l) => l.sdk);
    expect(bolt?.msg).toMatch(/Failed to parse and verify the request data/);
  });

  it('says that Redis is full when it is at maxmemory, to the requester', async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const fake = await startFakeSlack();
    cleanups.push(() => fake.stop());
    const s = await prepareScenario('healthy');
    cleanups.push(() => s.stop());
    const worker = await spawnWorker({ ...s.env, REDIS_URL: redis.url });
    cleanups.push(() => worker.stop());
    const port = await freePort();
    const bot = await spawnBot(
      { PATH: process.env.PATH ?? '', REDIS_URL: redis.url, ...slackBotEnv(fake, port) },
      ['Slack'],
    );
    cleanups.push(() => bot.stop());
    const admin = new Redis(redis.url);
    cleanups.push(() => admin.quit());
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.config('SET', 'maxmemory', '1');
    const form = new URLSearchParams(slashBody(fake, 'diagnose gw-test')).toString();
    await postSigned(`http://127.0.0.1:${port}/slack/events`, form);
    const told = await fake.waitFor((c) => c.method === 'response_url', 20_000);
    expect(told.args.response_type).toBe('ephemeral');
    expect(JSON.stringify(told.args)).toMatch(
      /is full: it reached its maxmemory and refuses writes \(OOM command not allowed\)/,
    );
  });

  it('refuses to start without Redis or without a way to verify Slack requests', async () => {
    const base = { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: 'xoxb-x' };
    const noRedis = await runClawops(['bot'], base);
    expect(noRedis.code).toBe(2);
    expect(noRedis.stderr).toMatch(/needs REDIS_URL/);
    const noSecret = await runClawops(['bot'], { ...base, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/needs SLACK_SIGNING_SECRET/);
  });
});
