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

  it('takes a button click to dispatch and answers it in a reply of its own', async () => {
    const { fake } = await setUp('gateway_down');
    await fake.slash('diagnose');
    const final = await fake.waitFor(isVerdict('gateway_down'));
    const [start] = buttonsOf(final);
    const { id, token } = await fake.click(start?.custom_id as string);
    expect((await fake.waitFor((c) => c.path.startsWith(`/interactions/${id}/`))).body.type).toBe(5);
    const answer = await fake.waitFor((c) => c.method === 'PATCH' && c.path.includes(token));
    expect(JSON.stringify(answer.body)).toMatch(/openclaw gateway restart/);
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
    await fake.slash('diagnose', {}, { id: '600000000000000006', roles: ['111000000000000011'] });
    const refused = await fake.waitFor(
      (c) => c.method === 'PATCH' && JSON.stringify(c.body).includes('not on the list'),
    );
    expect(refused.path).toMatch(/@original$/);
    expect(probeSets(chat.scenario)).toBe(0);
  });
});
