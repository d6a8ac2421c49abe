import { afterEach, describe, expect, it } from 'vitest';
import { postSigned, slashBody, startFakeSlack } from '../../support/fake-slack.js';
import { dropPrefix, freePort, testPrefix, useRedis } from '../../support/redis.js';
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
