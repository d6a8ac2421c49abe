import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS } from '../../../adapters/discord/limits.js';
import { renderDiscord } from '../../../adapters/discord/render.js';
import { newActionId } from '../../../src/core/action-store.js';
import { diagnosisMessage } from '../../../src/core/diagnosis-message.js';
import { BotError } from '../../../src/core/errors.js';
import type { FixId } from '../../../src/engine/fixes.js';
import { ALL_LABELS, diagnosisFor, diagnosisWithRoutes } from '../../support/diagnoses.js';
import { assertWithinDiscordLimits as assertWithinLimits } from '../../support/platform-limits.js';

const buttonsFor = (fixes: readonly string[]) =>
  Object.fromEntries(fixes.map((f) => [f, `id-${f}`.padEnd(22, '0').slice(0, 22)])) as Record<FixId, string>;

describe('Discord rendering of the failover routes', () => {
  it.each([
    ['routes_serving', true],
    ['routes_none_usable', false],
  ] as const)('%s: matches its golden file, route table and conclusion included', async (name, serving) => {
    const d = diagnosisWithRoutes(serving);
    const rendered = renderDiscord(diagnosisMessage(d, buttonsFor(d.findings[0]?.fixes ?? [])));
    await expect(`${JSON.stringify(rendered, null, 2)}\n`).toMatchFileSnapshot(
      `../../golden/${name}.discord.json`,
    );
    assertWithinLimits(rendered);
    const all = JSON.stringify(rendered);
    expect(all).toContain(d.failover?.conclusion);
    expect(all).toMatch(
      /1 {2}anthropic\/claude-opus-5 +profile sk-ant-a…0000#454bc7c7 +disabled \(billing\) until 20:48 UTC/,
    );
    expect(all).toContain(serving ? 'openai/gpt-5 ' : 'none');
    expect(all).toContain('work: no credential for openai/gpt-5');
    expect(all).not.toMatch(/sk-proj-FAKE|sk-ant-api03-FAKE/);
  });
});

describe('Discord rendering of every verdict', () => {
  it.each(ALL_LABELS)('%s: matches its golden file and stays within Discord limits', async (label) => {
    const d = diagnosisFor(label);
    const rendered = renderDiscord(diagnosisMessage(d, buttonsFor(d.findings[0]?.fixes ?? [])));
    await expect(`${JSON.stringify(rendered, null, 2)}\n`).toMatchFileSnapshot(
      `../../golden/${label}.discord.json`,
    );
    assertWithinLimits(rendered);
    expect(rendered.embeds[0]?.title).toContain(`gw-1: ${label}`);
    expect(rendered.embeds[0]?.fields).toContainEqual(
      expect.objectContaining({ name: 'Owner', value: d.verdict.owner ?? 'nobody' }),
    );
    expect(rendered.components.flatMap((r) => r.components)).toHaveLength(d.findings[0]?.fixes.length ?? 0);
  });

  it('keeps an oversized diagnosis within limits, cutting visibly, with its buttons', () => {
    const d = diagnosisFor('invalid_key', {
      findings: Array.from({ length: 30 }, (_, i) => ({
        label: 'invalid_key' as const,
        title: `finding ${i}`,
        evidence: Array.from({ length: 20 }, (_, j) => ({
          source: 'logs' as const,
          text: `${i}/${j} ${'y'.repeat(300)}`,
        })),
        fixes: ['rotate-key', 'restart-gateway'] as FixId[],
      })),
    });
    const rendered = renderDiscord(
      diagnosisMessage(d, { 'rotate-key': newActionId(), 'restart-gateway': newActionId() }),
    );
    assertWithinLimits(rendered);
    expect(rendered.embeds[0]?.description).toMatch(/…\(truncated, \d+ more lines\)$/);
    expect(rendered.components[0]?.components).toHaveLength(2);
  });

  it('refuses a button id over its limit as a render_limit bug, instead of clipping what it means', () => {
    const actions = {
      type: 'actions' as const,
      buttons: [{ label: 'go', actionId: 'x'.repeat(DISCORD_LIMITS.customId) }],
    };
    const render = () => renderDiscord({ text: 't', blocks: [actions] });
    expect(render).toThrow(BotError);
    expect(render).toThrow(expect.objectContaining({ code: 'render_limit' }));
  });

  it('puts a plain message in the content, within 2000 characters', () => {
    const rendered = renderDiscord({ text: 't', blocks: [{ type: 'markdown', text: 'z\n'.repeat(3000) }] });
    expect(rendered.embeds).toEqual([]);
    expect(rendered.content.length).toBeLessThanOrEqual(2000);
    expect(rendered.content).toMatch(/truncated/);
  });
});

describe('Discord rendering of text from logs and users', () => {
  it('escapes mentions, masked links and line markup, keeping clawops formatting and code', () => {
    const evil = '@everyone <@123456789012345678> [gateway_down](https://evil.example) ||x|| ~~y~~';
    const payload = renderDiscord({
      text: evil,
      blocks: [
        { type: 'markdown', text: `*Evidence:* ${evil} \`<@1>\`\n# Heading\n> quote` },
        { type: 'fields', fields: [{ label: 'Cause', value: evil }] },
        { type: 'header', text: 'title' },
      ],
    });
    const description = payload.embeds[0]?.description ?? '';
    expect(description).toContain('**Evidence:**');
    expect(description).toContain('@\u200beveryone');
    expect(description).toContain('\\<@123456789012345678>');
    expect(description).toContain('\\[gateway_down\\](https://evil.example)');
    expect(description).toContain('\\|\\|x\\|\\| \\~\\~y\\~\\~');
    expect(description).toContain('`<@1>`');
    expect(description).toContain('\n\\# Heading\n\\> quote');
    expect(payload.embeds[0]?.fields?.[0]?.value).toContain('\\<@123456789012345678>');
    expect(renderDiscord({ text: evil, blocks: [] }).content).not.toMatch(/(^|[^\\])<@\d/);
  });
});
