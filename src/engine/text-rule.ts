import type { Label } from './diagnosis.js';

/**
 * How much a match says. `cause`: why the route fails (a rejected key, a token mismatch);
 * `symptom`: only that something failed (a probe failed, an HTTP 401 with no more said).
 */
export type Weight = 'cause' | 'symptom';

export type TextRule = {
  readonly id: string;
  readonly label: Label;
  readonly weight: Weight;
  readonly pattern: RegExp;
  readonly state?: true;
};

export const cause = (id: string, label: Label, pattern: RegExp): TextRule => ({
  id,
  label,
  weight: 'cause',
  pattern,
});
export const symptom = (id: string, label: Label, pattern: RegExp): TextRule => ({
  id,
  label,
  weight: 'symptom',
  pattern,
});
