import { toSimplified } from './hanzi.js';
import { plainLetters } from './text.js';

/**
 * `raw` as the phrase rules read it. A message wrapped or justified by a terminal or a page keeps
 * its words, and runs of blanks do not count; Traditional Chinese is read as the Simplified the
 * rules are written in, styled letters as plain.
 */
export const phraseText = (raw: string): string => toSimplified(plainLetters(raw).replace(/[ \t]{2,}/g, ' '));
