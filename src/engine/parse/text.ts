import { unwrapKeys } from '../redact.js';

/** ANSI escape sequences (colour, cursor) that a CLI may print even when asked not to. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g;
/** Control characters other than tab and newline. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Removes ANSI escapes and control characters, and normalizes line endings. */
export function cleanText(text: string): string {
  return text.replace(ANSI, '').replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/**
 * Trims a line to `max` characters with a visible marker. It cuts between words, so a secret is
 * either whole (and then redacted) or gone, never a fragment too short to recognise.
 */
export function clip(line: string, max = 300): string {
  const flat = unwrapKeys(line).replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(' ', max - 1);
  return `${flat.slice(0, Math.max(cut, 0))} …`;
}

/** Non-empty, trimmed lines of `text`. */
export function lines(text: string): string[] {
  return cleanText(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Styled letters (mathematical bold or italic, full-width) that chat apps and pages print for plain ones. */
const STYLED = /[\u{1D400}-\u{1D7FF}\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/gu;

/** `text` with its styled letters and digits as the plain ones the phrase rules are written in. */
export const plainLetters = (text: string): string => text.replace(STYLED, (c) => c.normalize('NFKC'));
