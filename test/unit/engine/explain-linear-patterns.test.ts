import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain.js';

/**
 * Three patterns were rewritten to stay linear on long runs of letters, hyphens and dots (their
 * cost grew with the square of such a run: seconds for a long paste); they must still recognise
 * what they did. The timings are in `npm run bench:explain-worst`.
 */
const verdict = (text: string) => explain(text).verdict;

describe('patterns rewritten to stay linear', () => {
  it('still reads any provider variable said to be unset as a missing credential', () => {
    for (const text of [
      'Error: MISTRAL_API_KEY is not set',
      'config check: MY_RELAY_API_KEY missing',
      'startup failed — TOGETHER_API_KEY is empty',
    ])
      expect(verdict(text).label, text).toBe('missing_auth');
  });

  it('still names the provider of a model id, with or without a route in between', () => {
    for (const [text, provider] of [
      ['429 from openrouter/anthropic/claude-sonnet-4: rate limit exceeded', 'openrouter'],
      ['deepinfra/llama-3.3-70b returned 429 Too Many Requests', 'deepinfra'],
    ] as const) {
      const found = explain(text).findings.map((f) => f.provider);
      expect(found, text).toContain(provider);
    }
  });

  it('still takes a readiness or auth state field as healthy evidence', () => {
    expect(verdict('gateway.readiness: ready').label).toBe('healthy');
    expect(verdict('session.auth.state = "authorized"').label).toBe('healthy');
  });

  it('reads a long run of one letter, of hyphens and of dots as nothing in particular', () => {
    for (const run of ['a'.repeat(50_000), 'a-'.repeat(25_000), 'a.'.repeat(25_000)])
      expect(verdict(run).label).toBe('unknown');
  });
});
