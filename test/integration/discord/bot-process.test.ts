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

  it.each([
    [
      'a guild the bot is not in',
      { registration: 'missing-access' as const },
      {},
      /Missing Access.*DISCORD_GUILD_ID/,
    ],
    [
      'a guild that does not exist',
      { registration: 'unknown-guild' as const },
      {},
      /Unknown Guild.*DISCORD_GUILD_ID/,
    ],
    ['a revoked token', {}, { DISCORD_TOKEN: 'revoked-token' }, /refused DISCORD_TOKEN \(401 Unauthorized\)/],
  ])('exits 2 at start-up with %s, naming the variable to fix', async (_, fakeOpts, env, said) => {
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const fake = await startFakeDiscord(fakeOpts);
    cleanups.push(() => fake.stop());
    const r = await runClawops(['bot'], {
      PATH: process.env.PATH ?? '',
      REDIS_URL: redis.url,
      CLAWOPS_REDIS_PREFIX: testPrefix(),
      CLAWOPS_HEALTH_PORT: 'off',
      ...discordBotEnv(fake),
      ...env,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(said);
    expect(r.stderr).not.toMatch(/internal error/);
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
