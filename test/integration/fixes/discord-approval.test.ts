import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../adapters/discord/index.js';
import {
  APP_ID,
  CHANNEL_ID,
  type DiscordCall,
  GUILD_ID,
  startFakeDiscord,
  TOKEN,
} from '../../support/fake-discord.js';
import { startFixHarness } from '../../support/fix-harness.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ALICE = { id: '610000000000000001', roles: [] };
const BOB = { id: '620000000000000002', roles: ['930000000000000003'] };
const buttons = (c: DiscordCall) =>
  new Map(
    ((c.body.components ?? []) as { components: { custom_id: string; label: string }[] }[])
      .flatMap((r) => r.components)
      .map((b) => [b.label, b.custom_id]),
  );

describe('approved fixes over Discord, Redis and a real worker', () => {
  it('asks for approval, takes an approver by role, runs the fix once and edits in before and after', async () => {
    const h = await startFixHarness('gateway_down', {
      CLAWOPS_APPROVERS: '',
      CLAWOPS_APPROVER_GROUPS: '930000000000000003',
    });
    cleanups.push(() => h.stop());
    const fake = await startFakeDiscord();
    cleanups.push(() => fake.stop());
    const adapter = createDiscordAdapter({
      token: TOKEN,
      applicationId: APP_ID,
      guildId: GUILD_ID,
      apiUrl: fake.restApi,
      deps: h.chat,
      progressIntervalMs: 50,
    });
    await adapter.start();
    cleanups.push(() => adapter.stop());

    await fake.slash('diagnose', { host: 'gw-1' }, ALICE);
    const verdict = await fake.waitFor((c) => c.method === 'PATCH' && buttons(c).has('Start the gateway'));
    await fake.click(buttons(verdict).get('Start the gateway') as string, ALICE);
    const request = await fake.waitFor(
      (c) =>
        c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages` && buttons(c).has('Approve'),
    );
    const approveId = buttons(request).get('Approve') as string;

    const self = await fake.click(approveId, ALICE);
    // Refused to the clicker alone: an edit of the ephemeral reply to their click.
    const refused = await fake.waitFor((c) => c.method === 'PATCH' && c.path.includes(self.token));
    expect(JSON.stringify(refused.body)).toMatch(/only approvers may approve/);
    expect(h.executed()).toHaveLength(0);

    const channelPosts = () =>
      fake.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/channels/'));
    const postsBefore = channelPosts().length;
    await fake.click(approveId, BOB);
    const result = await fake.waitFor(
      (c) =>
        c.path.startsWith(`/channels/${CHANNEL_ID}/messages`) && JSON.stringify(c.body).includes('Before'),
      20_000,
    );
    // One public message for the decision: posted when approved, edited into the result.
    expect(channelPosts()).toHaveLength(postsBefore + 1);
    expect(JSON.stringify(result.body)).toMatch(/ran, not fixed — Start the gateway on gw-1/);
    expect(h.executed().map((c) => c.args.join(' '))).toEqual(['gateway start --json']);
    expect((await h.audit()).map((e) => e.event)).toEqual(['requested', 'refused', 'approved', 'result']);
    // The approval request itself now says who decided and what came of it, with no buttons.
    const decided = await fake.waitFor(
      (c) =>
        c.method === 'PATCH' &&
        /^\/channels\/\d+\/messages\/\d+$/.test(c.path) &&
        JSON.stringify(c.body).includes('ran, not fixed'),
    );
    expect(JSON.stringify(decided.body)).toMatch(/Approved by \w+ at .* UTC: ran, not fixed/);
    expect(buttons(decided).size).toBe(0);
  });
});
