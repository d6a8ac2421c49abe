import { appendFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_ID, type FakeDiscord, startFakeDiscord } from '../../support/fake-discord.js';
import { type FakeSlack, postSigned, slashBody, startFakeSlack } from '../../support/fake-slack.js';
import { capturedLine, lineAt } from '../../support/log-lines.js';
import { dropPrefix, freePort, testPrefix, useRedis } from '../../support/redis.js';
import { prepareScenario } from '../../support/scenario.js';
import { discordBotEnv, slackBotEnv, spawnBot, spawnWorker } from '../../support/workers.js';

vi.setConfig({ testTimeout: 60_000 });

const ALERTS = 'C0ALERTS';
const FAIL = capturedLine('cooldown', '"embedded_run_agent_end"');
const COOLDOWN = capturedLine('cooldown', '"auth_profile_failure_state_updated"');
const BILLING = capturedLine('billing', '"auth_profile_failure_state_updated"');
const SUCCESS = capturedLine('cooldown', '"candidate_succeeded"');

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

type Side = { slack: FakeSlack; discord: FakeDiscord; log: string; port: number; host: string };

/** A worker watching `scenario`'s gateway (its log file: `log`), and a bot posting alerts to both platforms. */
async function start(scenario: string, host: string): Promise<Side> {
  const redis = await useRedis();
  cleanups.push(() => redis.stop());
  const prefix = testPrefix();
  cleanups.push(() => dropPrefix(redis.url, prefix));
  const slack = await startFakeSlack();
  cleanups.push(() => slack.stop());
  const discord = await startFakeDiscord();
  cleanups.push(() => discord.stop());
  const s = await prepareScenario(scenario);
  cleanups.push(() => s.stop());
  const log = join(s.dir, 'gateway.log');
  writeFileSync(log, '');
  const common = { REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix };
  const worker = await spawnWorker({
    ...s.env,
    ...common,
    CLAWOPS_HOST: host,
    CLAWOPS_GATEWAY_LOG: log,
    CLAWOPS_STATE_POLL_MS: '0',
  });
  cleanups.push(() => worker.stop());
  const port = await freePort();
  const bot = await spawnBot(
    {
      PATH: process.env.PATH ?? '',
      ...common,
      ...slackBotEnv(slack, port),
      ...discordBotEnv(discord),
      CLAWOPS_ALERT_CHANNELS: `slack:${ALERTS},discord:${CHANNEL_ID}`,
    },
    ['Slack', 'Discord'],
  );
  cleanups.push(() => bot.stop());
  await vi.waitFor(() => expect(worker.stderr()).toMatch(/watching for cooldowns/), { timeout: 30_000 });
  return { slack, discord, log, port, host };
}

const text = (v: unknown) => JSON.stringify(v);
const slackPosts = (s: Side) =>
  s.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === ALERTS);
const slackEdits = (s: Side) =>
  s.slack.calls.filter((c) => c.method === 'chat.update' && c.args.channel === ALERTS);
const discordPosts = (s: Side) =>
  s.discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages`);
const discordEdits = (s: Side) =>
  s.discord.calls.filter(
    (c) => c.method === 'PATCH' && c.path.startsWith(`/channels/${CHANNEL_ID}/messages/`),
  );
const append = (s: Side, ...lines: string[]) => appendFileSync(s.log, `${lines.join('\n')}\n`);

/** Waits until both platforms show `count` alert posts and `edits` edits, the last edit matching `last`. */
async function expectAlerts(s: Side, posts: number, edits: number, last?: RegExp) {
  await vi.waitFor(
    () => {
      expect(slackPosts(s)).toHaveLength(posts);
      expect(discordPosts(s)).toHaveLength(posts);
      expect(slackEdits(s)).toHaveLength(edits);
      expect(discordEdits(s)).toHaveLength(edits);
    },
    { timeout: 20_000, interval: 50 },
  );
  if (last) {
    expect(text(slackEdits(s).at(-1)?.args.blocks)).toMatch(last);
    expect(text(discordEdits(s).at(-1)?.body)).toMatch(last);
  }
}

describe('cooldown alerts from the gateway log to Slack and Discord', () => {
  it('posts one alert per episode with cause and remaining time, ignores repeats, and edits it to resolved', async () => {
    const s = await start('healthy', 'gw-alert');
    const now = Date.now();
    append(s, lineAt(FAIL, now), lineAt(COOLDOWN, now));
    await expectAlerts(s, 1, 0);
    for (const body of [text(slackPosts(s)[0]?.args.blocks), text(discordPosts(s)[0]?.body)]) {
      expect(body).toMatch(/anthropic cooldown on gw-alert/);
      expect(body).toMatch(/rate_limited/);
      expect(body).toMatch(/API rate limit reached/);
      expect(body).toMatch(/\d+ s left/);
      expect(body).toMatch(/Diagnose gw-alert/);
    }

    append(s, ...Array.from({ length: 50 }, () => lineAt(COOLDOWN, now)));
    append(s, lineAt(SUCCESS, Date.now()));
    // Lines are handled in order, so the edit to resolved comes after all 50 repeats were seen.
    await expectAlerts(s, 1, 1, /Resolved: anthropic cooldown on gw-alert/);
    const ts = slackPosts(s)[0] && (await s.slack.waitFor((c) => c.method === 'chat.update')).args.ts;
    expect(ts).toBe('1700000000.000001');
  });

  it('keeps the episode across a rotation and a truncation of the log file', async () => {
    const s = await start('healthy', 'gw-rotate');
    append(s, lineAt(FAIL, Date.now()), lineAt(COOLDOWN, Date.now()));
    await expectAlerts(s, 1, 0);

    renameSync(s.log, `${s.log}.1`);
    writeFileSync(s.log, '');
    append(s, lineAt(BILLING, Date.now()));
    await expectAlerts(s, 1, 1, /disabled \(billing\)/);

    truncateSync(s.log, 0);
    append(s, lineAt(SUCCESS, Date.now()));
    await expectAlerts(s, 1, 2, /Resolved: anthropic cooldown on gw-rotate/);
  });

  it('says in the first line that the fallback carries the traffic while Anthropic is disabled', async () => {
    // The capture's `models status --json`: anthropic:default disabled for billing, openai/gpt-5 keyed.
    const s = await start('routes_fallback_ok', 'gw-fallback');
    await expectAlerts(s, 1, 0);
    const slack = slackPosts(s)[0]?.args;
    expect(String(slack?.text)).toMatch(
      /^🧊 anthropic is in cooldown on gw-fallback since \d\d:\d\d UTC, \d+ min left; openai\/gpt-5 is serving\./,
    );
    expect(text(slack?.blocks)).toMatch(/anthropic cooldown on gw-fallback — openai\/gpt-5 serving/);
    expect(text(discordPosts(s)[0]?.body)).toMatch(/openai\/gpt-5 is serving/);
  });

  it('alerts on a cooldown found only in the profile state, and /claw cooldown shows it', async () => {
    // The billing capture's `models status --json` lists anthropic:default disabled for billing.
    const s = await start('billing', 'gw-state');
    await expectAlerts(s, 1, 0);
    const body = text(slackPosts(s)[0]?.args.blocks);
    expect(body).toMatch(/anthropic:default — disabled \(billing\)/);
    expect(body).toMatch(/9 min left|10 min left/);
    expect(body).toMatch(/no fallback configured: nothing takes over/);
    expect(text(discordPosts(s)[0]?.body)).toMatch(/billing/);

    const form = new URLSearchParams(slashBody(s.slack, 'cooldown gw-state')).toString();
    expect((await postSigned(`http://127.0.0.1:${s.port}/slack/events`, form)).status).toBe(200);
    const answer = await s.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' && c.args.channel === 'C0OPS' && text(c.args).includes('gw-state'),
    );
    expect(text(answer.args)).toMatch(/anthropic in cooldown/);
    expect(text(answer.args)).toMatch(/min left/);
  });
});
