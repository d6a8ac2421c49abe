import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord } from '../../support/fake-discord.js';
import { dropPrefix, testPrefix, useRedis } from '../../support/redis.js';
import { prepareScenario, runClawops } from '../../support/scenario.js';
import { discordBotEnv, spawnBot, spawnWorker } from '../../support/workers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

describe('clawops bot with Discord, end to end', () => {
  it('registers /claw, takes /claw diagnose, has the host worker diagnose it through Redis, and edits in the verdict', async () => {
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(redis.url, prefix));
    const fake = await startFakeDiscord();
    cleanups.push(() => fake.stop());
    const s = await prepareScenario('env_override');
    cleanups.push(() => s.stop());
    const common = { REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix };
    const worker = await spawnWorker({ ...s.env, ...common, CLAWOPS_HOST: 'gw-9' });
    cleanups.push(() => worker.stop());
    const bot = await spawnBot(
      {
        PATH: process.env.PATH ?? '',
        ...common,
        ...discordBotEnv(fake),
      },
      ['Discord'],
    );
    cleanups.push(() => bot.stop());
    expect(bot.stderr()).toMatch(/registered in guild/);
    await fake.slash('diagnose', { host: 'gw-9' });
    const verdict = await fake.waitFor(
      (c) => c.method === 'PATCH' && JSON.stringify(c.body).includes('gw-9: env_override'),
    );
    expect(JSON.stringify(verdict.body)).toMatch(/environment/);
    expect(await bot.stop()).toBe(0);
  });

  it('refuses to start Discord without an application id', async () => {
    const r = await runClawops(['bot'], {
      PATH: process.env.PATH ?? '',
      REDIS_URL: 'redis://127.0.0.1:1',
      DISCORD_TOKEN: 't',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs DISCORD_APPLICATION_ID/);
  });
});
