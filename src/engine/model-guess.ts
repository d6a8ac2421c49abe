import type { Label } from './diagnosis.js';
import { LABEL_INFO } from './labels.js';

/** The rule prefix of a verdict or finding the learned fallback (text-model.ts) guessed. */
export const MODEL_RULE_PREFIX = 'text-model/';

/** Whether a verdict's or finding's rule is the learned model's guess rather than a rule's match. */
export const isModelGuess = (rule: string | undefined): boolean =>
  rule?.startsWith(MODEL_RULE_PREFIX) === true;

/** How to confirm a guess: a diagnosis reads the gateway itself. */
export const CONFIRM_GUESS = 'Run `clawops diagnose` on the gateway host to confirm.';

/**
 * The summary of a guess, worded as one: it says that no rule matched, which rule guessed, what the
 * label would mean, and how to get proof. A guess never reads as a certainty.
 */
export function guessSummary(label: Label): string {
  const info = LABEL_INFO[label];
  return [
    `Likely ${label} (${info.title}), guessed from the wording: no rule recognised this text, and the learned model (rule ${MODEL_RULE_PREFIX}${label}) finds it closest to that label.`,
    `If it is: ${info.summary}`,
    CONFIRM_GUESS,
  ].join(' ');
}
