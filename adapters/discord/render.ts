import { BotError } from '../../src/core/errors.js';
import { assertNever, type Message, type Tone } from '../../src/core/message.js';
import { clip } from '../../src/core/text.js';
import { escapeDiscord } from './escape.js';
import { DISCORD_LIMITS as L } from './limits.js';

/** Prefix of every clawops button's `custom_id`; the rest is the stored action's id. */
export const CUSTOM_ID_PREFIX = 'claw:';
/** Follows the prefix on a button whose answer replaces its message. */
export const IN_PLACE = 'edit:';

export type DiscordEmbed = {
  title?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline: boolean }[];
};
export type DiscordButton = { type: 2; style: 1 | 2 | 4; label: string; custom_id: string };
export type DiscordPayload = {
  content: string;
  embeds: DiscordEmbed[];
  components: { type: 1; components: DiscordButton[] }[];
};

const STYLE = { primary: 1, danger: 4 } as const;
/** The embed's colour bar for each tone; a message without a tone has none. */
export const TONE_COLOR: Record<Tone, number> = { ok: 0x2e7d32, warn: 0xe0a100, problem: 0xd83c3e };

/** A message as a Discord message body (content, one embed, button rows), within Discord's limits. */
export function renderDiscord(m: Message): DiscordPayload {
  const embed: DiscordEmbed = {};
  const parts: string[] = [];
  const fields: NonNullable<DiscordEmbed['fields']> = [];
  const buttons: DiscordButton[] = [];
  for (const b of m.blocks) {
    switch (b.type) {
      case 'header':
        embed.title = clip(b.text, L.embedTitle);
        if (m.tone) embed.color = TONE_COLOR[m.tone];
        break;
      case 'markdown':
        parts.push(escapeDiscord(b.text).replace(/(^|\s)\*(\S[^*]*?)\*/g, '$1**$2**'));
        break;
      case 'code':
        parts.push(`\`\`\`\n${b.text.replace(/```/g, "'''")}\n\`\`\``);
        break;
      case 'fields':
        for (const f of b.fields)
          fields.push({
            name: clip(escapeDiscord(f.label), L.fieldName),
            value: clip(escapeDiscord(f.value) || '-', L.fieldValue),
            inline: true,
          });
        break;
      case 'actions':
        for (const button of b.buttons) {
          const custom_id = `${CUSTOM_ID_PREFIX}${button.inPlace ? IN_PLACE : ''}${button.actionId}`;
          if (custom_id.length > L.customId)
            throw new BotError('render_limit', 'button id over Discord limit');
          buttons.push({
            type: 2,
            style: button.style ? STYLE[button.style] : 2,
            label: clip(button.label, L.buttonLabel),
            custom_id,
          });
        }
        break;
      case 'divider':
        parts.push('');
        break;
      default:
        assertNever(b);
    }
  }
  if (fields.length) embed.fields = fields.slice(0, L.fields);
  const used =
    (embed.title?.length ?? 0) + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  const description = parts.join('\n');
  if (description) embed.description = clip(description, Math.min(L.embedDescription, L.embedTotal - used));
  const rows = [];
  for (let i = 0; i < buttons.length && rows.length < L.rows; i += L.rowButtons)
    rows.push({ type: 1 as const, components: buttons.slice(i, i + L.rowButtons) });
  const hasEmbed = embed.title !== undefined || embed.fields !== undefined;
  return hasEmbed
    ? { content: '', embeds: [embed], components: rows }
    : { content: clip(description || escapeDiscord(m.text), L.content), embeds: [], components: rows };
}
