import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExplanationSchema, LABELS, type Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';
import { createRedactor } from '../../../src/engine/redact.js';
import { guessLabel, modelTokens, TEXT_MODEL, type TextModel } from '../../../src/engine/text-model.js';
import {
  type CorpusRow,
  MODEL_FILE,
  readCorpus,
  TRAIN_OPTIONS,
  trainDigest,
  trainRows,
  trainTextModel,
} from '../../fixtures/corpus/train.js';

/** The learned fallback of the text classifier (src/engine/text-model.ts) and how `explain` uses it. */

/** A model that knows one word, `zorblat`, for one label, by `weight` (in logits). */
function oneWordModel(label: Label, weight: number): TextModel {
  return {
    labels: [...LABELS],
    bias: LABELS.map(() => 0),
    features: ['zorblat'],
    weights: [[LABELS.indexOf(label), weight * 100]],
    scale: 100,
    minProbability: 0.4,
    minMargin: 0.1,
  };
}

describe('the committed text model', () => {
  // The full re-train, which takes seconds, is test/integration/text-model-train.test.ts; this
  // checks the digest of what a re-train would read (rows, settings, trainer and tokens).
  it('was trained from the current train rows, settings and trainer (else npm run corpus:train)', () => {
    const committed = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as { trainDigest?: string };
    expect(committed.trainDigest).toBe(trainDigest(trainRows(readCorpus())));
  });

  it('has a digest that changes with a row, a label or a setting', () => {
    const rows = trainRows(readCorpus()).slice(0, 5);
    const base = trainDigest(rows);
    const first = rows[0] as CorpusRow;
    expect(trainDigest([{ ...first, text: `${first.text}.` }, ...rows.slice(1)])).not.toBe(base);
    expect(trainDigest([{ ...first, label: 'unknown' }, ...rows.slice(1)])).not.toBe(base);
    expect(trainDigest(rows, { ...TRAIN_OPTIONS, iterations: 301 })).not.toBe(base);
    expect(trainDigest(rows)).toBe(base);
  });

  it('is small', () => {
    expect(statSync(MODEL_FILE).size).toBeLessThan(200_000);
    expect(TEXT_MODEL.features.length).toBeGreaterThan(100);
  });

  it('learns from train rows only', () => {
    const row = (split: CorpusRow['split']): CorpusRow => ({
      id: 'x',
      text: 'quota exceeded',
      label: 'rate_limited',
      accepted: [],
      split,
    });
    expect(() => trainTextModel([row('train'), row('holdout')])).toThrow(/train rows only/);
  });
});

describe('model tokens', () => {
  it('reads words, compound parts, stems and word pairs, without filler words or ids', () => {
    const features = modelTokens(
      'The rate_limit_error of req_011CVabcdef1234567 says: Refreshing failed 429',
    ).map((t) => t.feature);
    expect(features).toEqual(
      expect.arrayContaining(['rate_limit_error', 'rate', 'limit', '~refre', 'refreshing failed', '429']),
    );
    expect(features).not.toContain('the');
    expect(features.some((f) => f.includes('011cvabcdef1234567'))).toBe(false);
  });

  it('reads CJK text by pairs of characters', () => {
    expect(modelTokens('额度不足').map((t) => t.feature)).toEqual(
      expect.arrayContaining(['额度', '度不', '不足']),
    );
  });
});

describe('explain with the model', () => {
  it('guesses where no rule recognises the text, and says so', () => {
    const result = explain('the zorblat went away overnight', createRedactor(), oneWordModel('billing', 5));
    expect(ExplanationSchema.parse(result)).toEqual(result);
    expect(result.verdict).toMatchObject({
      label: 'billing',
      rule: 'text-model/billing',
      span: 'zorblat',
      confidence: 'low',
    });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ label: 'billing', rule: 'text-model/billing' });
    expect(result.findings[0]?.evidence[0]?.text).toBe('the zorblat went away overnight');
  });

  it('never outranks a rule', () => {
    const result = explain(
      'zorblat: credit balance is too low',
      createRedactor(),
      oneWordModel('network', 9),
    );
    expect(result.verdict).toMatchObject({ label: 'billing', rule: 'billing' });
    expect(result.findings.map((f) => f.rule)).not.toContain('text-model/network');
  });

  it('does not speak for a JSON log record, which is read as the log reader reads it', () => {
    const line =
      '{"0":"zorblat catalogue refresh","_meta":{"logLevelName":"WARN"},"time":"2026-11-24T20:52:45Z"}';
    expect(explain(line, createRedactor(), oneWordModel('network', 9)).verdict.label).toBe('unknown');
    expect(
      explain('zorblat catalogue refresh', createRedactor(), oneWordModel('network', 9)).verdict.label,
    ).toBe('network');
  });

  it('stays unknown when it is unsure, guesses unknown, or the text says its cause is unknown', () => {
    expect(explain('the zorblat', createRedactor(), oneWordModel('billing', 0.5)).verdict.label).toBe(
      'unknown',
    );
    expect(explain('the zorblat', createRedactor(), oneWordModel('unknown', 9)).verdict.label).toBe(
      'unknown',
    );
    expect(
      explain('zorblat failed with an unknown error', createRedactor(), oneWordModel('billing', 9)).verdict
        .label,
    ).toBe('unknown');
    expect(explain('nothing it knows', createRedactor(), oneWordModel('billing', 9)).verdict.label).toBe(
      'unknown',
    );
  });

  it('names a cooldown cause the text gives', () => {
    const result = explain('zorblat held back (rate_limit)', createRedactor(), oneWordModel('cooldown', 9));
    expect(result.verdict).toMatchObject({
      label: 'cooldown',
      cause: 'rate_limited',
      rule: 'text-model/cooldown',
    });
  });

  it('never shows a secret, in its span or its evidence', () => {
    const key = `sk-ant-api03-${randomBytes(30).toString('base64url')}`;
    const result = explain(`zorblat with ${key} again`, createRedactor(), oneWordModel('billing', 9));
    expect(result.verdict.rule).toBe('text-model/billing');
    expect(JSON.stringify(result)).not.toContain(key.slice(14));
  });

  it('with the committed model, labels a description no rule knows', () => {
    const result = explain('the token in openclaw.json for the control ui is not what the browser sends');
    expect(result.verdict).toMatchObject({
      label: 'gateway_client_auth',
      rule: 'text-model/gateway_client_auth',
    });
    expect(result.verdict.span).toContain('control ui');
  });

  it('with the committed model, leaves text about nothing unknown', () => {
    for (const text of ['hello world', 'the weather is nice today', 'thanks, that fixed it!'])
      expect(guessLabel(text), text).toBeNull();
  });
});
