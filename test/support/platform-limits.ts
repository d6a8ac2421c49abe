import { expect } from 'vitest';
import { DISCORD_LIMITS } from '../../adapters/discord/limits.js';
import type { DiscordPayload } from '../../adapters/discord/render.js';
import { SLACK_LIMITS } from '../../adapters/slack/limits.js';

/** A rendered Slack block, as far as the limits concern it. */
export type SlackBlock = {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { value?: string; action_id?: string; text: { text: string } }[];
};

/** Fails the test where a Slack message breaks a Block Kit limit. */
export function assertWithinSlackLimits(blocks: SlackBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const b of blocks) {
    if (b.type === 'header') expect(b.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (b.type === 'section' && b.text)
      expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    expect((b.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
    for (const e of b.elements ?? []) {
      expect(e.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
      expect((e.value ?? '').length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
      expect((e.action_id ?? '').length).toBeLessThanOrEqual(SLACK_LIMITS.actionId);
    }
  }
}

/** Fails the test where a Discord message breaks a message, embed or component limit. */
export function assertWithinDiscordLimits(p: DiscordPayload): void {
  expect(p.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  let total = 0;
  for (const e of p.embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect((e.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    total += (e.title ?? '').length + (e.description ?? '').length;
    total += (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  expect(p.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.rows);
  for (const row of p.components) {
    expect(row.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.rowButtons);
    for (const b of row.components) {
      expect(b.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
      expect(b.label.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonLabel);
    }
  }
}
