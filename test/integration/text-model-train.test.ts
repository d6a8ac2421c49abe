import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_FILE, modelJson, readCorpus, trainRows, trainTextModel } from '../fixtures/corpus/train.js';

/**
 * The committed learned fallback (src/engine/text-model.json) is exactly what `npm run
 * corpus:train` makes of the current train rows. A full re-train takes seconds, so it runs here;
 * the unit test compares the recorded digest of the training inputs.
 */
describe('the committed text model', () => {
  it('is what npm run corpus:train makes of the current train rows (re-train after adding rows)', () => {
    const committed = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as unknown;
    const trained = JSON.parse(modelJson(trainTextModel(trainRows(readCorpus())))) as unknown;
    expect(committed).toEqual(trained);
  });
});
