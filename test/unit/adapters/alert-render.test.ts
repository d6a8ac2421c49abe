import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../../adapters/discord/render.js';
import { renderSlack } from '../../../adapters/slack/render.js';
import { commands } from '../../../commands/index.js';
import { createMemoryActionStore } from '../../../src/core/action-store.js';
import { alertMessage } from '../../../src/core/alert-message.js';
import { cooldownReportMessage } from '../../../src/core/cooldown-message.js';
import { dispatch } from '../../../src/core/dispatch.js';
import type { Message } from '../../../src/core/message.js';
import { createRegistry } from '../../../src/core/registry.js';
import type { DiagnosisTransport } from '../../../src/core/transport.js';
import type { WatchReport } from '../../../src/core/watch-report.js';
import type { Episode } from '../../../src/engine/episodes.js';
import { diagnosisFor } from '../../support/diagnoses.js';
import { cooldownEpisode } from '../../support/episodes.js';
import { memoryFixPolicy } from '../../support/fix-policy.js';
import {
  assertWithinDiscordLimits,
  assertWithinSlackLimits,
  type SlackBlock,
} from '../../support/platform-limits.js';

/** The clock of every alert golden file. */
const NOW = Date.parse('2026-11-25T03:00:00Z');
/** Stable action ids for golden files, one per alert button. */
const IDS = { action: 'alert-diagnose-00000000', fix: 'alert-start-fix-0000000' };

const cooldown = (over: Partial<Episode> = {}): Episode =>
  cooldownEpisode(NOW, { fallback: { route: 'openai/gpt-5', usable: true }, ...over });

/** One cooldown's three messages as the channel sees them, and a gateway that went down. */
const ALERTS: readonly { name: string; episode: Episode }[] = [
  { name: 'cooldown-start', episode: cooldown() },
  {
    name: 'cooldown-edit',
    episode: cooldown({
      version: 2,
      flaps: 1,
      fallback: { route: 'openai/gpt-5', usable: false },
      windows: [
        { profileId: 'anthropic:default', kind: 'cooldown', reason: 'rate_limit', until: NOW + 240_000 },
        { profileId: 'anthropic:backup', kind: 'disabled', reason: 'billing', until: null },
      ],
    }),
  },
  {
    name: 'cooldown-resolved',
    episode: cooldown({ version: 3, status: 'resolved', resolvedAt: NOW, windows: [] }),
  },
  {
    name: 'gateway-down',
    episode: cooldown({
      id: 'gw-1.default.gateway-down.1',
      kind: 'gateway-down',
      subject: '',
      provider: '',
      startedAt: NOW - 90_000,
      cause: { label: 'gateway_down', text: 'port 18789 refused (ECONNREFUSED)' },
      detail: 'port 18789 refused (ECONNREFUSED); gateway status: port free',
      windows: [],
      fallback: undefined,
    }),
  },
];

/** Renders a message for both platforms, checks both against their limits and golden files. */
async function expectGolden(m: Message, name: string): Promise<string> {
  const slack = renderSlack(m);
  const discord = renderDiscord(m);
  assertWithinSlackLimits(slack.blocks as SlackBlock[]);
  assertWithinDiscordLimits(discord);
  await expect(`${JSON.stringify(slack, null, 2)}\n`).toMatchFileSnapshot(`../../golden/${name}.slack.json`);
  await expect(`${JSON.stringify(discord, null, 2)}\n`).toMatchFileSnapshot(
    `../../golden/${name}.discord.json`,
  );
  return JSON.stringify({ slack, discord });
}

describe('alert rendering', () => {
  it.each(ALERTS)(
    'alert-$name: matches its golden files and stays within Slack and Discord limits',
    async ({ name, episode }) => {
      const both = await expectGolden(alertMessage(episode, NOW, IDS), `alert-${name}`);
      expect(both).toContain(IDS.action);
      expect(both.includes(IDS.fix)).toBe(episode.kind === 'gateway-down');
      expect(both.includes('Resolved')).toBe(episode.status === 'resolved');
    },
  );
});

const report: WatchReport = {
  host: 'gw-1',
  instance: 'default',
  episodes: [
    cooldown(),
    cooldown({
      id: 'gw-1.default.openai.1',
      subject: 'openai',
      provider: 'openai',
      status: 'resolved',
      startedAt: NOW - 45 * 60_000,
      resolvedAt: NOW - 20 * 60_000,
      cause: null,
      windows: [],
    }),
  ],
  windows: [{ profileId: 'anthropic:default', kind: 'cooldown', reason: 'rate_limit', until: NOW + 240_000 }],
  stateAt: NOW - 30_000,
  logSource: '/tmp/openclaw/openclaw-2026-11-25.log',
  updatedAt: NOW,
};

/** A transport with one live host, no watcher and a fixed diagnosis: what `/claw cooldown` falls back to. */
const diagnosingTransport = (): DiagnosisTransport => ({
  async requestDiagnosis() {
    return { diagnosis: diagnosisFor('cooldown'), runId: 'run-1', share: 'started' };
  },
  async requestFix() {
    throw new Error('not offered here');
  },
  async listHosts() {
    return [
      {
        host: 'gw-1',
        clawopsVersion: 'test',
        openclawVersion: '2026.9.6',
        pid: 1,
        startedAt: NOW,
        lastSeen: NOW,
        state: 'live',
      },
    ];
  },
  async close() {},
});

describe('/claw cooldown rendering', () => {
  it("cooldown-watcher: the watcher's report matches its golden files", async () => {
    const both = await expectGolden(cooldownReportMessage(report, NOW), 'cooldown-watcher');
    expect(both).toContain('anthropic:default — cooldown (rate_limit) until 03:04 UTC, 4 min left');
    expect(both).toContain('openai: ended 20 min ago after 25 min.');
  });

  it('cooldown-diagnosis: without a watcher, the diagnosis it runs matches its golden files', async () => {
    const m = await dispatch(
      {
        platform: 'slack',
        requestId: 'golden-cooldown',
        input: { text: 'cooldown gw-1' },
        user: { id: 'U0ALICE', name: 'alice' },
        channel: { id: 'C0OPS' },
        replyTo: 'slack:C0OPS',
      },
      {
        registry: createRegistry(commands),
        transport: diagnosingTransport(),
        actions: createMemoryActionStore(),
        fixes: memoryFixPolicy(),
        access: { channels: [], users: [] },
      },
    );
    const both = await expectGolden(m, 'cooldown-diagnosis');
    expect(both).toContain('anthropic:default disabled (billing) until 2026-11-25T01:00:00Z, 1 min left');
    expect(both).toContain('It started with *billing*');
  });
});
