import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * A client that asks a server for a model called "openclaw" (an Ollama port, a relay) and is told
 * it is not found: the model is missing there, not the OpenClaw CLI. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('a model named openclaw not found', () => {
  it.each([
    "Error: the model 'openclaw' was not found on the configured server (HTTP 404)",
    'model "openclaw" is not found, try pulling it first',
    'The server says model named openclaw not found',
  ])('is the model missing: %s', (text) => {
    expect(verdict(text)).toBe('model_unavailable');
  });

  it.each([
    "'openclaw' was not found in PATH after npm install -g",
    'openclaw command not found after the upgrade',
    'openclaw binary is missing from /usr/local/bin',
  ])('the CLI itself not found stays openclaw_missing: %s', (text) => {
    expect(verdict(text)).toBe('openclaw_missing');
  });
});
