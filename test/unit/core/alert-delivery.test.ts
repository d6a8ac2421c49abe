import { describe, expect, it } from 'vitest';
import { createMemoryActionStore } from '../../../src/core/action-store.js';
import {
  type AlertSink,
  createAlertDelivery,
  createMemoryAlertRefs,
  parseAlertChannels,
} from '../../../src/core/alert-delivery.js';
import { alertMessage } from '../../../src/core/alert-message.js';
import { openAlertsMessage } from '../../../src/core/alerts-message.js';
import { cooldownReportMessage } from '../../../src/core/cooldown-message.js';
import { BotError } from '../../../src/core/errors.js';
import type { Message } from '../../../src/core/message.js';
import { duration } from '../../../src/core/text.js';
import type { Episode } from '../../../src/engine/episodes.js';
import { cooldownEpisode } from '../../support/episodes.js';

const NOW = Date.parse('2026-11-25T03:00:00Z');
const episode = (over: Partial<Episode> = {}): Episode => cooldownEpisode(NOW, over);

function recordingSink(failures = 0) {
  const calls: { op: 'post' | 'edit'; channel: string; id?: string; message: Message }[] = [];
  let left = failures;
  const sink: AlertSink = {
    async post(channel, message) {
      if (left-- > 0) throw new Error('channel_not_found');
      calls.push({ op: 'post', channel, message });
      return `m${calls.length}`;
    },
    async edit(channel, id, message) {
      calls.push({ op: 'edit', channel, id, message });
    },
  };
  return { sink, calls };
}

/** Delivery to one Slack and one Discord channel; Slack's first `slackFailures` posts fail. */
function twoChannels(slackFailures = 0) {
  const slack = recordingSink(slackFailures);
  const discord = recordingSink();
  const actions = createMemoryActionStore();
  const deliver = createAlertDelivery({
    routes: () => [
      { platform: 'slack', channel: 'C1' },
      { platform: 'discord', channel: '42' },
    ],
    sinks: { slack: slack.sink, discord: discord.sink },
    refs: createMemoryAlertRefs(),
    actions,
    now: () => NOW,
  });
  return { slack, discord, deliver, actions };
}

describe('alert delivery', () => {
  it('posts an episode once per channel, then edits, and skips a version older than the one shown', async () => {
    const { slack, discord, deliver } = twoChannels();
    await deliver(episode());
    await deliver(episode()); // a redelivered job changes nothing
    await deliver(episode({ version: 3, status: 'resolved', resolvedAt: NOW, windows: [] }));
    await deliver(episode({ version: 2 })); // late retry of an older version
    expect(slack.calls.map((c) => c.op)).toEqual(['post', 'edit']);
    expect(discord.calls.map((c) => c.op)).toEqual(['post', 'edit']);
    expect(slack.calls[1]?.id).toBe('m1');
    expect(slack.calls[1]?.message.text).toMatch(/recovered/);
    const buttons = slack.calls.flatMap((c) =>
      c.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])),
    );
    expect(new Set(buttons.map((b) => b.actionId)).size).toBe(1);
  });

  it('throws when a channel failed, so the job is retried, without redoing the channels that worked', async () => {
    const { slack, discord, deliver } = twoChannels(1);
    const failed: unknown = await deliver(episode()).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(BotError);
    expect(failed).toMatchObject({
      code: 'not_delivered',
      message: expect.stringMatching(/slack:C1 \(channel_not_found\)/),
    });
    await deliver(episode());
    expect(slack.calls.map((c) => c.op)).toEqual(['post']);
    expect(discord.calls.map((c) => c.op)).toEqual(['post']);
  });

  it('routes per host, with a default for the others, and names every bad entry', () => {
    const { routes, problems } = parseAlertChannels('slack:C0DEFAULT, gw-2=discord:123456, gw-2=slack:C02');
    expect(problems).toEqual([]);
    expect(routes('gw-1')).toEqual([{ platform: 'slack', channel: 'C0DEFAULT' }]);
    expect(routes('gw-2')).toEqual([
      { platform: 'discord', channel: '123456' },
      { platform: 'slack', channel: 'C02' },
    ]);
    expect(parseAlertChannels('teams:x, slack:, gw-1=slack:C1').problems).toHaveLength(2);
  });
});

describe('the alert message', () => {
  it('says what cooled down where, why, for how long, and offers a diagnosis', () => {
    const m = alertMessage(episode(), NOW, { action: 'a'.repeat(22) });
    const all = JSON.stringify(m);
    expect(all).toMatch(/anthropic cooldown on gw-1/);
    expect(all).toMatch(/rate_limited/);
    expect(all).toMatch(/anthropic:default — cooldown \(rate_limit\) until 03:04 UTC, 4 min left/);
    expect(all).toMatch(/Diagnose gw-1/);
  });

  it('offers the Start fix on a gateway that is down, through the approval flow, and Diagnose', async () => {
    const { slack, deliver, actions } = twoChannels();
    const down = episode({
      id: 'gw-1.default.gateway-down.1',
      kind: 'gateway-down',
      subject: '',
      provider: '',
      cause: { label: 'gateway_down', text: 'port 18789 refused (ECONNREFUSED)' },
      detail: 'port 18789 refused (ECONNREFUSED)',
      windows: [],
    });
    await deliver(down);
    const buttons = slack.calls[0]?.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
    expect(buttons?.map((b) => b.label)).toEqual(['Start the gateway', 'Diagnose gw-1']);
    const message = alertMessage(down, NOW, { fix: 'f'.repeat(22), action: 'd'.repeat(22) });
    expect(message.text).toMatch(/gateway on gw-1 is down since 02:59 UTC: port 18789 refused/);
    expect(JSON.stringify(message)).toMatch(/Owner:\* gateway-runtime/);
    const fix = buttons?.[0]?.actionId ?? expect.fail('no Start button');
    expect(await actions.take(fix)).toMatchObject({
      command: 'fix',
      args: { fix: 'start-gateway', host: 'gw-1', verdict: 'gateway_down' },
    });
    const over = alertMessage({ ...down, status: 'resolved', resolvedAt: NOW, version: 2 }, NOW, {
      action: 'a',
    });
    expect(over.text).toMatch(/answers again at 03:00 UTC after 1 min/);
    expect(JSON.stringify(over)).not.toMatch(/Start the gateway/);
  });

  it('says for each kind what broke, who owns it and what to run', () => {
    const broken = alertMessage(
      episode({
        kind: 'route-broken',
        subject: 'invalid_key',
        cause: { label: 'invalid_key', text: 'anthropic: HTTP 401 · authentication_error' },
        windows: [],
      }),
      NOW,
      { action: 'a' },
    );
    expect(broken.text).toMatch(/anthropic on gw-1: invalid_key .* owner: anthropic-account/);
    expect(JSON.stringify(broken)).toMatch(/HTTP 401/);
    const expiring = alertMessage(
      episode({
        kind: 'credential-expiring',
        subject: 'anthropic:lab-oauth',
        cause: null,
        windows: [],
        detail: 'oauth profile, expiring',
        expiresAt: NOW + 2 * 3600_000,
      }),
      NOW,
      { action: 'a' },
    );
    expect(expiring.text).toMatch(/anthropic:lab-oauth on gw-1 expires at 05:00 UTC, 2 h left/);
    expect(JSON.stringify(expiring)).toMatch(/openclaw models auth login --provider anthropic/);
    const silent = alertMessage(
      episode({
        kind: 'worker-silent',
        subject: '',
        provider: '',
        cause: null,
        windows: [],
        startedAt: NOW - 180_000,
      }),
      NOW,
      {},
    );
    expect(silent.text).toMatch(/worker on gw-1 is silent: no heartbeat since 02:57 UTC \(3 min\)/);
    expect(silent.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('keeps /claw cooldown to cooldowns, and /claw alerts to what is open, of every kind', () => {
    const broken = episode({ kind: 'route-broken', subject: 'invalid_key', windows: [] });
    const cooling = episode();
    const report = {
      host: 'gw-1',
      instance: 'default',
      episodes: [broken],
      windows: [],
      stateAt: NOW,
      logSource: null,
      updatedAt: NOW,
    };
    expect(cooldownReportMessage(report, NOW).text).toBe('gw-1: no cooldown going on');
    expect(cooldownReportMessage({ ...report, episodes: [broken, cooling] }, NOW).text).toBe(
      'gw-1: anthropic in cooldown',
    );
    const open = openAlertsMessage([broken, cooling, episode({ status: 'resolved' })], NOW, null);
    expect(open.text).toBe('🚨 2 alerts open: gw-1 route-broken, gw-1 cooldown');
    expect(openAlertsMessage([], NOW, 'gw-2').text).toBe('✅ No alert open on gw-2.');
  });

  it('says in its first line that a usable fallback is serving the traffic', () => {
    const m = alertMessage(episode({ fallback: { route: 'openai/gpt-5', usable: true } }), NOW, {
      action: 'a'.repeat(22),
    });
    expect(m.text.split('\n')[0]).toBe(
      '🧊 anthropic is in cooldown on gw-1 since 02:59 UTC, 4 min left; openai/gpt-5 is serving. Cause: rate_limited.',
    );
    expect(m.blocks[0]).toEqual({
      type: 'header',
      text: '🧊 anthropic cooldown on gw-1 — openai/gpt-5 serving',
    });
  });

  it('says in its first line when no fallback can take the traffic', () => {
    const none = alertMessage(episode({ fallback: { route: 'openai/gpt-5', usable: false } }), NOW, {
      action: 'a'.repeat(22),
    });
    expect(none.text).toMatch(
      /^🚨 anthropic is in cooldown on gw-1 since 02:59 UTC, 4 min left; no usable fallback: every route would fail \(openai\/gpt-5 too\)\./,
    );
    expect(none.blocks[0]).toEqual({
      type: 'header',
      text: '🚨 anthropic cooldown on gw-1 — no usable fallback',
    });
    const alone = alertMessage(episode({ fallback: null }), NOW, { action: 'a'.repeat(22) });
    expect(alone.text).toMatch(/; no fallback configured: nothing takes over\./);
    expect(alertMessage(episode(), NOW, { action: 'a'.repeat(22) }).text).not.toMatch(/fallback|serving/);
  });

  it('writes durations for people', () => {
    expect([45_000, 12 * 60_000, 185 * 60_000, 52 * 3600_000].map(duration)).toEqual([
      '45 s',
      '12 min',
      '3 h 5 min',
      '2 d 4 h',
    ]);
  });
});
