import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../adapters/discord/index.js';
import type { Access } from '../../../src/core/dispatch.js';
import { chatDeps, probeSets } from '../../support/chat-deps.js';
import {
  APP_ID,
  CHANNEL_ID,
  type DiscordCall,
  GUILD_ID,
  startFakeDiscord,
  TOKEN,
} from '../../support/fake-discord.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(
  capture: string,
  opts: { fake?: Parameters<typeof startFakeDiscord>[0]; tokenMs?: number; access?: Access } = {},
) {
  const fake = await startFakeDiscord(opts.fake);
  cleanups.push(() => fake.stop());
  const chat = await chatDeps(capture, opts.access ? { access: opts.access } : {});
  cleanups.push(() => chat.stop());
  const errors: unknown[] = [];
  const adapter = createDiscordAdapter({
    token: TOKEN,
    applicationId: APP_ID,
    guildId: GUILD_ID,
    apiUrl: fake.restApi,
    deps: chat.deps,
    progressIntervalMs: 50,
    ...(opts.tokenMs !== undefined ? { interactionTokenMs: opts.tokenMs } : {}),
    onError: (e) => errors.push(e),
  });
  await adapter.start();
  cleanups.push(() => adapter.stop());
  return { fake, chat, errors };
}

type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };
const embedsOf = (c: DiscordCall) => (c.body.embeds ?? []) as Embed[];
const buttonsOf = (c: DiscordCall) =>
  ((c.body.components ?? []) as { components: { custom_id: string; label: string }[] }[]).flatMap(
    (r) => r.components,
  );
const isVerdict = (label: string) => (c: DiscordCall) =>
  c.method === 'PATCH' && embedsOf(c).some((e) => e.title?.includes(`gw-1: ${label}`));

describe('Discord through the gateway', () => {
  it('registers /claw in the guild with a subcommand per command and options from the same definitions', async () => {
    const { fake } = await setUp('healthy');
    const put = await fake.waitFor((c) => c.method === 'PUT');
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    const [claw] = put.body as unknown as {
      name: string;
      options: { name: string; options: { name: string; required: boolean }[] }[];
    }[];
    expect(claw?.name).toBe('claw');
    expect(claw?.options.map((o) => o.name)).toEqual([
      'diagnose',
      'cooldown',
      'alerts',
      'explain',
      'hosts',
      'fleet',
      'audit',
      'help',
    ]);
    expect(claw?.options.find((o) => o.name === 'explain')?.options).toMatchObject([
      { name: 'text', required: true },
    ]);
  });

  it('defers /claw diagnose at once, then edits in the verdict embed with its buttons', async () => {
    const { fake } = await setUp('invalid_key_401');
    const { id } = await fake.slash('diagnose', { host: 'gw-1' });
    const callback = await fake.waitFor((c) => c.path.startsWith(`/interactions/${id}/`));
    expect(callback.body.type).toBe(5);
    const final = await fake.waitFor(isVerdict('invalid_key'));
    expect(final.path).toMatch(/\/messages\/@original$/);
    const [embed] = embedsOf(final);
    expect(embed?.fields).toContainEqual(
      expect.objectContaining({ name: 'Owner', value: 'anthropic-account' }),
    );
    const buttons = buttonsOf(final);
    expect(buttons.map((b) => b.label)).toEqual(['Replace the Anthropic API key', 'Restart the gateway']);
    for (const b of buttons) expect(b.custom_id).toMatch(/^claw:[\w-]{22}$/);
  });

  it('sends every message with allowed_mentions parse: [], so text from logs and users pings nobody', async () => {
    const { fake } = await setUp('gateway_down');
    await fake.slash('explain', {
      text: 'share @everyone <@123456789012345678> Error: 429 rate_limit_error',
    });
    await fake.waitFor((c) => c.method === 'PATCH' && JSON.stringify(c.body).includes('rate_limited'));
    const sent = fake.calls.filter(
      (c) => (c.method === 'PATCH' || c.method === 'POST') && 'embeds' in c.body,
    );
    expect(sent.length).toBeGreaterThan(0);
    for (const c of sent) expect(c.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('takes a button click to dispatch and answers it with one channel message, refusals to the clicker alone', async () => {
    const { fake } = await setUp('gateway_down');
    await fake.slash('diagnose');
    const final = await fake.waitFor(isVerdict('gateway_down'));
    const [start] = buttonsOf(final);
    const { id, token } = await fake.click(start?.custom_id as string);
    const deferral = await fake.waitFor((c) => c.path.startsWith(`/interactions/${id}/`));
    expect(deferral.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const answer = await fake.waitFor(
      (c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages`,
    );
    expect(JSON.stringify(answer.body)).toMatch(/openclaw gateway restart/);
    // The clicker's "thinking…" goes once the answer is in the channel.
    await fake.waitFor((c) => c.method === 'DELETE' && c.path.includes(token));
    // The same button again: a used button, told to the clicker alone, nothing more in the channel.
    const again = await fake.click(start?.custom_id as string);
    const refused = await fake.waitFor((c) => c.method === 'PATCH' && c.path.includes(again.token));
    expect(JSON.stringify(refused.body)).toMatch(/already used/);
    expect(fake.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/channels/'))).toHaveLength(1);
  });

  it('answers an unknown host to the requester alone, with nothing posted for everyone', async () => {
    const { fake, chat } = await setUp('healthy');
    const { token } = await fake.slash('diagnose', { host: 'gw-nope' });
    const told = await fake.waitFor((c) => c.method === 'POST' && c.path === `/webhooks/${APP_ID}/${token}`);
    expect(told.body.flags).toBe(64);
    expect(JSON.stringify(told.body)).toMatch(/unknown host \\"gw-nope\\"/);
    expect(fake.calls.filter((c) => c.method === 'PATCH' || c.path.startsWith('/channels/'))).toHaveLength(0);
    expect(probeSets(chat.scenario)).toBe(0);
  });

  it('posts to the channel with the bot token when the interaction could not be deferred in time', async () => {
    const { fake } = await setUp('invalid_key_401', { fake: { ackDeadlineMs: 0 } });
    await fake.slash('diagnose');
    const first = await fake.waitFor((c) => c.path === `/channels/${CHANNEL_ID}/messages`);
    expect(first.method).toBe('POST');
    await fake.waitFor(
      (c) =>
        c.path.startsWith(`/channels/${CHANNEL_ID}/messages/`) &&
        JSON.stringify(c.body).includes('gw-1: invalid_key'),
    );
    expect(fake.calls.filter((c) => c.path.startsWith('/webhooks/'))).toHaveLength(0);
  });

  it('moves to the channel when Discord answers the interaction webhook with 401', async () => {
    const { fake } = await setUp('invalid_key_401', { fake: { webhookUnauthorized: true } });
    await fake.slash('diagnose');
    const verdict = await fake.waitFor(
      (c) =>
        c.path.startsWith(`/channels/${CHANNEL_ID}/messages`) &&
        JSON.stringify(c.body).includes('gw-1: invalid_key'),
    );
    expect(['POST', 'PATCH']).toContain(verdict.method);
  });

  it('moves to the channel once the interaction token has expired, and edits that message', async () => {
    // A token good for 0 ms: with 1 ms, an edit in the same millisecond as the deferral still used it.
    const { fake } = await setUp('invalid_key_401', { tokenMs: 0 });
    await fake.slash('diagnose');
    const verdict = await fake.waitFor(
      (c) =>
        c.path.startsWith(`/channels/${CHANNEL_ID}/messages`) &&
        JSON.stringify(c.body).includes('gw-1: invalid_key'),
    );
    expect(['POST', 'PATCH']).toContain(verdict.method);
    expect(fake.calls.filter((c) => c.path.includes('@original'))).toHaveLength(0);
  });

  it('refuses a member without an allowed role, and runs nothing', async () => {
    const { fake, chat } = await setUp('healthy', {
      access: { channels: [], users: [], roles: ['900000000000000009'] },
    });
    const { token } = await fake.slash(
      'diagnose',
      {},
      { id: '600000000000000006', roles: ['111000000000000011'] },
    );
    const refused = await fake.waitFor(
      (c) => c.method === 'POST' && JSON.stringify(c.body).includes('not on the list'),
    );
    expect(refused.path).toBe(`/webhooks/${APP_ID}/${token}`);
    expect(refused.body.flags).toBe(64);
    // The public "thinking…" is taken away; nothing of the refusal is left for everyone.
    expect(
      fake.calls.some((c) => c.method === 'DELETE' && c.path.endsWith(`${token}/messages/@original`)),
    ).toBe(true);
    expect(fake.calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
    expect(probeSets(chat.scenario)).toBe(0);
  });
});
