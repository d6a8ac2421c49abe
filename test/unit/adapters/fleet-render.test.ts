import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../../adapters/discord/render.js';
import { renderSlack } from '../../../adapters/slack/render.js';
import { FLEET_FILE, fleetMessage, fleetTable } from '../../../src/core/fleet-message.js';
import { FLEET_NOW, fleetOf } from '../../support/fleets.js';
import {
  assertWithinDiscordLimits,
  assertWithinSlackLimits,
  type SlackBlock,
} from '../../support/platform-limits.js';

/** A stable action id for golden files. */
const BUTTON = 'fleet-diagnose-all-000';

describe('/claw fleet rendering', () => {
  it.each([1, 20, 500])(
    '%i hosts: matches its golden files and stays within Slack and Discord limits',
    async (n) => {
      const rows = fleetOf(n);
      const m = fleetMessage({ rows, now: FLEET_NOW, diagnoseAll: BUTTON });
      const slack = renderSlack(m);
      const discord = renderDiscord(m);
      await expect(`${JSON.stringify(slack, null, 2)}\n`).toMatchFileSnapshot(
        `../../golden/fleet-${n}.slack.json`,
      );
      await expect(`${JSON.stringify(discord, null, 2)}\n`).toMatchFileSnapshot(
        `../../golden/fleet-${n}.discord.json`,
      );
      assertWithinSlackLimits(slack.blocks as SlackBlock[]);
      assertWithinDiscordLimits(discord);
      expect(JSON.stringify(slack.blocks)).toContain(BUTTON);
      expect(discord.components[0]?.components[0]?.custom_id).toBe(`claw:edit:${BUTTON}`);
      // Every host is in the message, or in its file when they do not all fit.
      const shown = JSON.stringify(slack.blocks);
      const everywhere = `${shown}${m.file?.text ?? ''}`;
      for (const r of rows) expect(everywhere).toContain(r.host);
      expect(m.file === undefined).toBe(rows.every((r) => shown.includes(`*${r.host}*`)));
    },
  );

  it('puts the hosts that need a look first and says how many more the file holds', () => {
    const m = fleetMessage({ rows: fleetOf(500), now: FLEET_NOW });
    const rows = (m.blocks[2] as { text: string }).text.split('\n');
    expect(rows[0]).toMatch(/worker silent|gateway down/);
    expect(rows.at(-1)).toMatch(new RegExp(`^…and \\d+ more hosts: every row is in ${FLEET_FILE}\\.$`));
    expect(m.file?.name).toBe(FLEET_FILE);
    const table = m.file?.text.trim().split('\n') ?? [];
    expect(table).toHaveLength(501);
    expect(table[0]).toBe('host\tworker\tgateway\tlast verdict\tverdict at\topen episodes');
    expect(table).toContain('gw-004\tlive\tdown\tgateway_down\t2026-03-01T02:57:32.000Z\t0');
  });

  it('shows Diagnose all as done/total while it runs, within limits at 500 hosts', () => {
    const rows = fleetOf(500);
    const pending = new Set(rows.slice(0, 300).map((r) => r.host));
    const failed = new Map([['gw-400', 'host_silent']]);
    const m = fleetMessage({ rows, now: FLEET_NOW, run: { total: 430, pending, failed } });
    expect(m.blocks[0]).toEqual({
      type: 'header',
      text: '⏳ Fleet: Diagnose all 130/430, 1 without a verdict',
    });
    assertWithinSlackLimits(renderSlack(m).blocks as SlackBlock[]);
    assertWithinDiscordLimits(renderDiscord(m));
    expect(fleetTable({ rows, now: FLEET_NOW, run: { total: 430, pending, failed } })).toMatch(
      /gw-400\tlive\tdown\tno verdict \(host_silent\)\t\t0/,
    );
  });

  it('keeps long host names within limits', () => {
    const rows = fleetOf(40).map((r, i) => ({
      ...r,
      host: `${'h'.repeat(95)}-${String(i).padStart(3, '0')}`,
    }));
    const m = fleetMessage({ rows, now: FLEET_NOW, diagnoseAll: BUTTON });
    assertWithinSlackLimits(renderSlack(m).blocks as SlackBlock[]);
    assertWithinDiscordLimits(renderDiscord(m));
    expect(m.file?.text).toContain(rows[39]?.host);
  });
});
