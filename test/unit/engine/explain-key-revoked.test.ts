import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * A key the provider revoked (leaked, rotated away) or a token it cannot exchange: the credential
 * sent is rejected. Made-up examples.
 */
const verdict = (text: string): Label => explain(text).verdict.label;

describe('a credential the provider will not accept', () => {
  it.each([
    'I pushed my API key to a public repo and the provider revoked it within minutes; all calls fail.',
    'Your API key was reported as leaked. Please use another API key.',
    'Someone leaked our key on a forum so it was disabled',
    'Error: Copilot token exchange failed: HTTP 404',
    'token exchange failed: HTTP 401 from the identity endpoint',
  ])('is invalid_key: %s', (text) => {
    expect(verdict(text)).toBe('invalid_key');
  });

  it.each([
    ['The refresh token was revoked, sign in again', 'oauth_refresh_failed'],
    ['404 model not found: claude-9', 'model_unavailable'],
    ['Access permanently revoked for this organization', 'permission_denied'],
  ] as const)('a neighbour keeps its label: %s', (text, label) => {
    expect(verdict(text)).toBe(label);
  });
});
