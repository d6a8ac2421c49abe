import { assertNever, type Button, type Message } from '../../src/core/message.js';

/**
 * Control characters from logs and users (escape sequences that move the cursor, clear the
 * screen or retitle the terminal) are dropped; line breaks and tabs stay.
 */
const printable = (s: string): string =>
  [...s].filter((c) => c === '\n' || c === '\t' || !isControl(c.codePointAt(0) ?? 0)).join('');
const isControl = (code: number): boolean => code < 0x20 || (code >= 0x7f && code < 0xa0);

/** Strips Slack-style emphasis for the terminal. */
const plain = (s: string): string => s.replace(/(^|\s)[*_](\S[^*_]*?)[*_](?=\s|$|[.,:;)])/g, '$1$2');

/**
 * A message as terminal text; buttons are numbered from `first`, so a person types the number
 * to click one. Returns the text and the buttons in the order of their numbers.
 */
export function renderConsole(m: Message, first = 1): { text: string; buttons: Button[] } {
  const out: string[] = [];
  const buttons: Button[] = [];
  for (const b of m.blocks) {
    switch (b.type) {
      case 'header':
        out.push(b.text);
        break;
      case 'markdown':
        out.push(plain(b.text));
        break;
      case 'code':
        out.push(...b.text.split('\n').map((l) => `    ${l}`));
        break;
      case 'fields':
        out.push(b.fields.map((f) => `${f.label}: ${f.value}`).join('   '));
        break;
      case 'actions':
        for (const button of b.buttons) {
          buttons.push(button);
          out.push(`  [${first + buttons.length - 1}] ${button.label}`);
        }
        break;
      case 'divider':
        out.push('');
        break;
      default:
        assertNever(b);
    }
  }
  return { text: `${printable(out.join('\n'))}\n`, buttons };
}
