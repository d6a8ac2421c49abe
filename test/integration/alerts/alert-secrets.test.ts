import { randomBytes } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_ID, startFakeDiscord } from '../../support/fake-discord.js';
import { startFakeSlack } from '../../support/fake-slack.js';
import { capturedLine, lineAt } from '../../support/log-lines.js';
import { dropPrefix, freePort, testPrefix, useRedis } from '../../support/redis.js';
import { prepareScenario } from '../../support/scenario.js';
import { discordBotEnv, slackBotEnv, spawnBot, spawnWorker } from '../../support/workers.js';

vi.setConfig({ testTimeout: 60_000 });

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

const ALERTS = 'C0ALERTS';
const FAIL = capturedLine('cooldown', '"embedded_run_agent_end"');
const COOLDOWN = capturedLine('cooldown', '"auth_profile_failure_state_updated"');

describe('cooldown alerts and the host’s known secrets', () => {
  it('redact the gateway token a provider error quotes, in the watch report, the alert job and the alert', async () => {
    // No shape gives this token away: only the config says it is a secret.
    const token = randomBytes(18).toString('base64url');
    const scenario = await prepareScenario('healthy', {
      plant: (text, file) => {
        if (file !== 'openclaw.json.snapshot') return text;
        const config = JSON.parse(text) as { gateway: { auth: Record<string, string> } };
        config.gateway.auth.token = token;
        return JSON.stringify(config);
      },
    });
    cleanups.push(() => scenario.stop());
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(redis.url, prefix));
    const slack = await startFakeSlack();
    cleanups.push(() => slack.stop());
    const discord = await startFakeDiscord();
    cleanups.push(() => discord.stop());
    const log = join(scenario.dir, 'gateway.log');
    writeFileSync(log, '');
    const common = { REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix };
    const worker = await spawnWorker({
      ...scenario.env,
      ...common,
      CLAWOPS_HOST: 'gw-tok',
      CLAWOPS_GATEWAY_LOG: log,
      CLAWOPS_STATE_POLL_MS: '0',
    });
    cleanups.push(() => worker.stop());
    const bot = await spawnBot(
      {
        PATH: process.env.PATH ?? '',
        ...common,
        ...slackBotEnv(slack, await freePort()),
        ...discordBotEnv(discord),
        CLAWOPS_ALERT_CHANNELS: `slack:${ALERTS},discord:${CHANNEL_ID}`,
      },
      ['Slack', 'Discord'],
    );
    cleanups.push(() => bot.stop());
    await vi.waitFor(() => expect(worker.stderr()).toMatch(/watching for alerts/), { timeout: 30_000 });

    const fail = lineAt(FAIL, Date.now()).replace('"error":"', `"error":"gateway token ${token} rejected; `);
    appendFileSync(log, `${fail}\n${lineAt(COOLDOWN, Date.now())}\n`);
    const slackAlert = await slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === ALERTS,
    );
    const discordAlert = await discord.waitFor(
      (c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages`,
    );

    const client = new Redis(redis.url);
    cleanups.push(async () => client.disconnect());
    const values: string[] = [];
    for (const key of await client.keys(`${prefix}:*`)) {
      const type = await client.type(key);
      if (type === 'string') values.push(String(await client.get(key)));
      else if (type === 'hash') values.push(JSON.stringify(await client.hgetall(key)));
      else if (type === 'stream') values.push(JSON.stringify(await client.xrange(key, '-', '+')));
      else if (type === 'list') values.push(JSON.stringify(await client.lrange(key, 0, -1)));
    }
    const stored = values.join('\n');
    // The cause reached the report and the alert, redacted.
    expect(stored).toMatch(/gateway token \[REDACTED\] rejected/);
    expect(JSON.stringify(slackAlert.args)).toMatch(/gateway token \[REDACTED\] rejected/);
    for (const text of [
      stored,
      JSON.stringify(slackAlert.args),
      JSON.stringify(discordAlert.body),
      worker.stderr(),
    ])
      expect(text).not.toContain(token);
  });
});
