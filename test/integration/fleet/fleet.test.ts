import { afterEach, describe, expect, it } from 'vitest';
import { botVerb } from '../../../src/cli/bot-verb.js';
import { heartbeatNow } from '../../../src/core/job.js';
import { publishHeartbeat } from '../../../src/queue/heartbeats.js';
import { keysFor } from '../../../src/queue/keys.js';
import { createRedis } from '../../../src/queue/redis.js';
import { type DiscordCall, startFakeDiscord } from '../../support/fake-discord.js';
import {
  clickPayload,
  postSigned,
  type SlackCall,
  slashBody,
  startFakeSlack,
} from '../../support/fake-slack.js';
import { startVerbInProcess } from '../../support/in-process-cli.js';
import { dropPrefix, freePort, testPrefix, useRedis } from '../../support/redis.js';
import { BOT_UP, discordBotEnv, slackBotEnv, spawnBot, startHost, stopHosts } from '../../support/workers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

/**
 * A `clawops bot` (Slack and Discord, against the fakes) on real Redis, with the real workers of
 * `hosts` (host → captured scenario) and heartbeats only, `silent` ms old, for `quiet`. The bot
 * is a real process given `realProcess`, else the bot verb in this process (what the fleet message
 * says and how it is edited is the verb's doing, not the process's).
 */
async function setUp(
  hosts: Record<string, string>,
  quiet: { names: string[]; silentMs: number },
  realProcess = false,
) {
  const redis = await useRedis();
  cleanups.push(() => redis.stop());
  const prefix = testPrefix();
  cleanups.push(() => dropPrefix(redis.url, prefix));
  const workers = await Promise.all(
    Object.entries(hosts).map(([host, capture]) => startHost(redis.url, prefix, host, capture)),
  );
  cleanups.push(() => stopHosts(workers));
  const conn = createRedis(redis.url);
  cleanups.push(async () => conn.quit());
  const beat = heartbeatNow({
    host: 'x',
    clawopsVersion: 'test',
    openclawVersion: null,
    startedAt: Date.now(),
  });
  for (const host of quiet.names) {
    await publishHeartbeat(conn, keysFor(prefix), { ...beat, host, lastSeen: Date.now() - quiet.silentMs });
    // Freshness is judged by when a heartbeat reached Redis: this one arrived `silentMs` ago.
    await conn.hset(keysFor(prefix).hostsSeen, host, String(Date.now() - quiet.silentMs));
  }
  const slack = await startFakeSlack();
  cleanups.push(() => slack.stop());
  const discord = await startFakeDiscord();
  cleanups.push(() => discord.stop());
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    REDIS_URL: redis.url,
    CLAWOPS_REDIS_PREFIX: prefix,
    ...slackBotEnv(slack, port),
    ...discordBotEnv(discord),
  };
  const platforms = ['Slack', 'Discord'];
  const bot = realProcess
    ? await spawnBot(env, platforms)
    : await startVerbInProcess(botVerb, { CLAWOPS_HEALTH_PORT: '0', ...env }, BOT_UP(platforms));
  cleanups.push(() => bot.stop());
  const events = `http://127.0.0.1:${port}/slack/events`;
  const post = (body: Record<string, string>) => postSigned(events, new URLSearchParams(body).toString());
  return { slack, discord, post };
}

const slackText = (c: SlackCall) => JSON.stringify(c.args.blocks ?? []);
const discordText = (c: DiscordCall) => JSON.stringify(c.body.embeds ?? []);
const customIds = (c: DiscordCall) =>
  ((c.body.components ?? []) as { components: { custom_id: string }[] }[]).flatMap((r) =>
    r.components.map((b) => b.custom_id),
  );

describe('/claw fleet, end to end', () => {
  it('on Slack: a row per host, and Diagnose all edits that same message to done/total', async () => {
    const { slack, post } = await setUp(
      { 'gw-a': 'healthy', 'gw-b': 'missing_auth' },
      { names: ['gw-quiet'], silentMs: 60_000 },
      true,
    );
    await post(slashBody(slack, 'fleet'));
    const fleet = await slack.waitFor(
      (c) => c.method === 'chat.postMessage' && slackText(c).includes('Fleet:'),
    );
    const shown = slackText(fleet);
    expect(shown).toContain('Fleet: 3 hosts');
    expect(shown).toMatch(/⚪ \*gw-quiet\* · worker silent/);
    expect(shown).toMatch(/🟢 \*gw-a\* · worker live · gateway unknown · no verdict yet/);
    const button = (
      fleet.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    ).find((b) => b.type === 'actions')?.elements?.[0];
    expect(button?.action_id).toBe('claw-btn-edit-0');
    const ts = String(fleet.ts);
    const click = {
      payload: JSON.stringify(clickPayload(slack, button?.value ?? '', ts, 'U0BOB', 'claw-btn-edit-0')),
    };
    expect((await post(click)).status).toBe(200);
    const done = await slack.waitFor(
      (c) => c.method === 'chat.update' && c.args.ts === ts && slackText(c).includes('Diagnose all 2/2'),
      30_000,
    );
    expect(slackText(done)).toMatch(/\*gw-b\* · worker live · gateway up · 🚨 missing_auth/);
    expect(slackText(done)).toMatch(/\*gw-a\* · worker live · gateway up · ✅ healthy/);
    // Progress and the end went into the fleet message itself: nothing new was posted.
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect(slack.calls.every((c) => c.method !== 'chat.update' || c.args.ts === ts)).toBe(true);

    // The used button is refused to the clicker alone; the fleet message stays as it is.
    const updates = slack.calls.filter((c) => c.method === 'chat.update').length;
    await post(click);
    for (let i = 0; i < 100 && slack.responses.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(JSON.stringify(slack.responses.at(-1)?.body)).toMatch(/expired or was already used/);
    expect(slack.responses.at(-1)?.body.response_type).toBe('ephemeral');
    expect(slack.calls.filter((c) => c.method === 'chat.update')).toHaveLength(updates);

    // The verdicts are remembered: a new /claw fleet shows them without asking again.
    await post(slashBody(slack, 'fleet'));
    const again = await slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.ts !== ts && slackText(c).includes('Fleet:'),
    );
    expect(slackText(again)).toMatch(/\*gw-b\* · worker live · gateway up · 🚨 missing_auth \d+ s ago/);
  });

  it('on Discord: Diagnose all defers an update and edits the fleet message itself', async () => {
    const { discord } = await setUp(
      { 'gw-a': 'healthy', 'gw-d': 'gateway_down' },
      { names: [], silentMs: 0 },
    );
    await discord.slash('fleet');
    const fleet = await discord.waitFor(
      (c) => c.method === 'PATCH' && discordText(c).includes('Fleet: 2 hosts'),
    );
    const [customId] = customIds(fleet);
    expect(customId).toMatch(/^claw:edit:[\w-]{22}$/);
    const { id, token } = await discord.click(customId as string);
    const callback = await discord.waitFor((c) => c.path.startsWith(`/interactions/${id}/`));
    expect(callback.body.type).toBe(6);
    const done = await discord.waitFor(
      (c) =>
        c.method === 'PATCH' &&
        c.path.includes(token) &&
        c.path.endsWith('/messages/@original') &&
        discordText(c).includes('Diagnose all 2/2'),
      30_000,
    );
    expect(discordText(done)).toMatch(/\*\*gw-d\*\* · worker live · gateway down · 🚨 gateway_down/);
    // Nothing was posted besides the fleet message: no follow-up, no channel message.
    expect(
      discord.calls.filter((c) => c.method === 'POST' && !c.path.startsWith('/interactions/')),
    ).toHaveLength(0);
  });

  it('a fleet larger than one message: the rows that fit, and every row in a file (Slack thread, Discord attachment)', async () => {
    const names = Array.from({ length: 80 }, (_, i) => `gw-${String(i).padStart(2, '0')}`);
    const { slack, discord, post } = await setUp({}, { names, silentMs: 0 });
    await post(slashBody(slack, 'fleet'));
    const fleet = await slack.waitFor(
      (c) => c.method === 'chat.postMessage' && slackText(c).includes('Fleet:'),
    );
    expect(slackText(fleet)).toMatch(/…and \d+ more hosts: every row is in fleet\.tsv/);
    const upload = await slack.waitFor((c) => c.method === 'files.getUploadURLExternal');
    expect(upload.args.filename).toBe('fleet.tsv');
    const complete = await slack.waitFor((c) => c.method === 'files.completeUploadExternal');
    expect(complete.args.thread_ts).toBe(fleet.ts);
    expect(complete.args.channel_id).toBe('C0OPS');

    await discord.slash('fleet');
    const edited = await discord.waitFor(
      (c) => c.method === 'PATCH' && discordText(c).includes('Fleet: 80 hosts'),
    );
    const [file] = edited.body.uploaded as { name: string; text: string }[];
    expect(file?.name).toBe('fleet.tsv');
    expect(file?.text.trim().split('\n')).toHaveLength(81);
    for (const host of names) expect(file?.text).toContain(`${host}\tlive\tunknown`);
  });
});
