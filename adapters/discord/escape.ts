/** Inline code spans: Discord shows what is inside them as it is, so they are left alone. */
const CODE_SPAN = /(`[^`\n]*`)/;

/** Markup clawops never writes itself: mentions, masked links, spoilers, strikes, custom emoji, timestamps. */
const INLINE = /[<[\]|~]/g;
/** Markup at the start of a line: headings, quotes, subtext, lists that would renumber. */
const LINE_START = /^([ \t]*)(#{1,3} |>|-# |\d+\. )/gm;

/**
 * Escapes the Discord markdown and mentions that text from logs and users could carry, keeping
 * clawops' own `**bold**`, `_italic_` and code. Mentions cannot ping anyway (every message goes
 * with `allowed_mentions: { parse: [] }`); escaped, they do not even render.
 */
export function escapeDiscord(text: string): string {
  return text
    .split(CODE_SPAN)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(INLINE, '\\$&')
            .replace(/@(everyone|here)\b/g, '@\u200b$1')
            .replace(LINE_START, '$1\\$2'),
    )
    .join('');
}
