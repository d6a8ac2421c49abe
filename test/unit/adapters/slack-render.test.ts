import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS } from '../../../adapters/slack/limits.js';
import { renderSlack } from '../../../adapters/slack/render.js';
import { newActionId } from '../../../src/core/action-store.js';
import { diagnosisMessage } from '../../../src/core/diagnosis-message.js';
import { BotError } from '../../../src/core/errors.js';
import { clip } from '../../../src/core/text.js';
import type { FixId } from '../../../src/engine/fixes.js';
import { ALL_LABELS, diagnosisFor, diagnosisWithRoutes } from '../../support/diagnoses.js';
import {
  assertWithinSlackLimits as assertWithinLimits,
  type SlackBlock,
} from '../../support/platform-limits.js';

/** Stable action ids for golden files: the fix's own id stands in for the random one. */
const buttonsFor = (fixes: readonly string[]) =>
  Object.fromEntries(fixes.map((f) => [f, `id-${f}`.padEnd(22, '0').slice(0, 22)])) as Record<FixId, string>;

describe('Slack rendering of the failover routes', () => {
  it.each([
    ['routes_serving', true],
    ['routes_none_usable', false],
  ] as const)('%s: matches its golden file, route table and conclusion included', async (name, serving) => {
    const d = diagnosisWithRoutes(serving);
    const rendered = renderSlack(diagnosisMessage(d, buttonsFor(d.findings[0]?.fixes ?? [])));
    await expect(`${JSON.stringify(rendered, null, 2)}\n`).toMatchFileSnapshot(
      `../../golden/${name}.slack.json`,
    );
    assertWithinLimits(rendered.blocks as SlackBlock[]);
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

describe('Slack rendering of every verdict', () => {
  it.each(ALL_LABELS)('%s: matches its golden file and stays within Slack limits', async (label) => {
    const d = diagnosisFor(label);
    const rendered = renderSlack(diagnosisMessage(d, buttonsFor(d.findings[0]?.fixes ?? [])));
    await expect(`${JSON.stringify(rendered, null, 2)}\n`).toMatchFileSnapshot(
      `../../golden/${label}.slack.json`,
    );
    assertWithinLimits(rendered.blocks as SlackBlock[]);
    expect(JSON.stringify(rendered.blocks[0])).toContain(`gw-1: ${label}`);
    const buttons = (rendered.blocks as SlackBlock[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? []);
    expect(buttons).toHaveLength(d.findings[0]?.fixes.length ?? 0);
  });

  it('keeps an oversized diagnosis within limits, truncating visibly and keeping the buttons', () => {
    const long = 'x'.repeat(500);
    const d = diagnosisFor('invalid_key', {
      findings: Array.from({ length: 60 }, (_, i) => ({
        label: 'invalid_key' as const,
        title: `finding ${i} ${'t'.repeat(200)}`,
        evidence: Array.from({ length: 40 }, (_, j) => ({
          source: 'logs' as const,
          text: `${i}/${j} ${long}`,
        })),
        fixes: ['rotate-key', 'restart-gateway'] as FixId[],
      })),
    });
    const rendered = renderSlack(
      diagnosisMessage(d, { 'rotate-key': newActionId(), 'restart-gateway': newActionId() }),
    );
    assertWithinLimits(rendered.blocks as SlackBlock[]);
    const all = JSON.stringify(rendered.blocks);
    expect(all).toMatch(/…\(truncated, \d+ more lines\)/);
    expect(rendered.blocks.some((b) => b.type === 'actions')).toBe(true);
  });

  it('refuses a button id over its limit as a render_limit bug, instead of clipping what it means', () => {
    const actions = {
      type: 'actions' as const,
      buttons: [{ label: 'go', actionId: 'x'.repeat(SLACK_LIMITS.buttonValue + 1) }],
    };
    const render = () => renderSlack({ text: 't', blocks: [actions] });
    expect(render).toThrow(BotError);
    expect(render).toThrow(expect.objectContaining({ code: 'render_limit' }));
  });

  it('cuts text at the limit and says how many lines were cut', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const cut = clip(text, 3000);
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(cut).toMatch(/…\(truncated, \d+ more lines\)$/);
    expect(clip('short', 3000)).toBe('short');
  });

  it('drops blocks from the middle past 50, saying so, and keeps header, buttons and footer', () => {
    const blocks = [
      { type: 'header' as const, text: 'head' },
      ...Array.from({ length: 80 }, (_, i) => ({ type: 'markdown' as const, text: `m${i}` })),
      { type: 'actions' as const, buttons: [{ label: 'go', actionId: newActionId() }] },
      { type: 'markdown' as const, text: 'footer' },
    ];
    const rendered = renderSlack({ text: 't', blocks });
    expect(rendered.blocks).toHaveLength(SLACK_LIMITS.blocks);
    expect(JSON.stringify(rendered.blocks)).toMatch(/truncated, 34 more blocks/);
    expect(rendered.blocks.at(-2)?.type).toBe('actions');
    expect(JSON.stringify(rendered.blocks.at(-1))).toContain('footer');
  });
});

describe('Slack rendering of text from logs and users', () => {
  it('escapes &, < and > so a log line cannot mention the channel or fake a link', () => {
    const evil = 'see <!channel> <https://evil.example|gateway_down> & <@U0ADMIN>';
    const rendered = renderSlack({
      text: evil,
      blocks: [
        { type: 'markdown', text: `*Evidence:* ${evil}` },
        { type: 'code', text: evil },
        { type: 'fields', fields: [{ label: 'Cause', value: evil }] },
      ],
    });
    const all = JSON.stringify(rendered);
    expect(all).not.toMatch(/<!channel>|<https:|<@U0ADMIN>/);
    expect(rendered.text).toBe(
      'see &lt;!channel&gt; &lt;https://evil.example|gateway_down&gt; &amp; &lt;@U0ADMIN&gt;',
    );
    // clawops' own formatting still works.
    expect((rendered.blocks[0] as SlackBlock).text?.text).toMatch(/^\*Evidence:\* see &lt;!channel&gt;/);
  });
});
