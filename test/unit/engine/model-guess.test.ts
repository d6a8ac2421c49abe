import { describe, expect, it } from 'vitest';
import { renderExplanation } from '../../../src/cli/report.js';
import { LABELS, type Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';
import { LABEL_INFO } from '../../../src/engine/labels.js';
import { guessSummary, isModelGuess } from '../../../src/engine/model-guess.js';
import { createRedactor } from '../../../src/engine/redact.js';
import type { TextModel } from '../../../src/engine/text-model.js';

/** A guess of the learned fallback reads as a guess to the operator, never as a rule's certainty. */

function oneWordModel(label: Label): TextModel {
  return {
    labels: [...LABELS],
    bias: LABELS.map(() => 0),
    features: ['zorblat'],
    weights: [[LABELS.indexOf(label), 900]],
    scale: 100,
    minProbability: 0.4,
    minMargin: 0.1,
  };
}

const guessed = () => explain('the zorblat went away overnight', createRedactor(), oneWordModel('billing'));

describe('a guess of the learned model', () => {
  it('says in its summary that it is a likely match, which rule guessed, and how to confirm it', () => {
    const { verdict } = guessed();
    expect(verdict).toMatchObject({ label: 'billing', rule: 'text-model/billing', confidence: 'low' });
    expect(verdict.summary).toMatch(/^Likely billing \(.+\), guessed from the wording/);
    expect(verdict.summary).toContain('rule text-model/billing');
    expect(verdict.summary).toContain('clawops diagnose');
    expect(verdict.summary).not.toBe(LABEL_INFO.billing.summary);
  });

  it('keeps the summary of a rule match as it was', () => {
    const { verdict } = explain('credit balance is too low', createRedactor(), oneWordModel('network'));
    expect(verdict.rule).toBe('billing');
    expect(verdict.summary).toBe(LABEL_INFO.billing.summary);
  });

  it('is headed as a guess in the terminal report, with its rule', () => {
    const [head, owner, , summary] = renderExplanation(guessed()).split('\n');
    expect(head).toBe(
      `? likely billing — ${LABEL_INFO.billing.title} (a guess from the wording, text-model/billing)`,
    );
    expect(owner).toContain('Confidence: low');
    expect(summary).toBe(guessSummary('billing'));
    const ruled = renderExplanation(explain('credit balance is too low'));
    expect(ruled.split('\n')[0]).toBe(`✖ billing — ${LABEL_INFO.billing.title}`);
  });

  it('is told apart by its rule alone', () => {
    expect(isModelGuess('text-model/billing')).toBe(true);
    expect(isModelGuess('billing')).toBe(false);
    expect(isModelGuess(undefined)).toBe(false);
  });
});
