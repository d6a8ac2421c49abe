import { BotError } from '../../src/core/errors.js';
import { assertNever, type Block, type Message } from '../../src/core/message.js';
import { clip } from '../../src/core/text.js';
import { escapeMrkdwn } from './escape.js';
import { SLACK_LIMITS as L } from './limits.js';

/** The prefix of every clawops button's `action_id`; the value is the stored action's id. */
export const ACTION_PREFIX = 'claw-btn-';
/** Follows the prefix on a button whose answer replaces its message. */
export const IN_PLACE = 'edit-';

type SlackBlock = Record<string, unknown>;

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text: escapeMrkdwn(text) });

function renderBlock(b: Block, index: number): SlackBlock[] {
  switch (b.type) {
    case 'header':
      return [
        { type: 'header', text: { type: 'plain_text', text: clip(b.text, L.headerText), emoji: true } },
      ];
    case 'markdown':
      return [{ type: 'section', text: mrkdwn(clip(b.text, L.sectionText)) }];
    case 'code':
      return [{ type: 'section', text: mrkdwn(`\`\`\`${clip(b.text, L.sectionText - 6)}\`\`\``) }];
    case 'fields':
      return [
        {
          type: 'section',
          fields: b.fields
            .slice(0, L.fields)
            .map((f) => mrkdwn(clip(`*${f.label}*\n${f.value}`, L.fieldText))),
        },
      ];
    case 'actions':
      return [
        {
          type: 'actions',
          block_id: `claw-actions-${index}`,
          elements: b.buttons.slice(0, L.actionElements).map((button, i) => {
            if (button.actionId.length > L.buttonValue)
              throw new BotError('render_limit', 'button id over Slack limit');
            return {
              type: 'button',
              action_id: `${ACTION_PREFIX}${button.inPlace ? IN_PLACE : ''}${i}`,
              text: { type: 'plain_text', text: clip(button.label, L.buttonText), emoji: true },
              value: button.actionId,
              ...(button.style ? { style: button.style } : {}),
            };
          }),
        },
      ];
    case 'divider':
      return [{ type: 'divider' }];
    default:
      return assertNever(b);
  }
}

/** A message as `chat.postMessage` / `chat.update` arguments, within Slack's limits. */
export function renderSlack(m: Message): { text: string; blocks: SlackBlock[] } {
  const all = m.blocks.flatMap(renderBlock);
  const text = clip(escapeMrkdwn(m.text), L.messageText);
  if (all.length <= L.blocks) return { text, blocks: all };
  // Over the limit: keep the verdict (first blocks), every button row and the footer; drop
  // from the middle, and say so where the cut is.
  const keep = new Set([0, 1, 2, all.length - 1]);
  all.forEach((b, i) => {
    if (b.type === 'actions') keep.add(i);
  });
  for (let i = 0; i < all.length && keep.size < L.blocks - 1; i++) keep.add(i);
  const dropped = all.length - keep.size;
  const blocks: SlackBlock[] = [];
  let marked = false;
  all.forEach((b, i) => {
    if (keep.has(i)) blocks.push(b);
    else if (!marked) {
      marked = true;
      blocks.push({ type: 'context', elements: [mrkdwn(`…(truncated, ${dropped} more blocks)`)] });
    }
  });
  return { text, blocks };
}
