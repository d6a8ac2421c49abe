import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * pydantic counts its errors ("1 validation error for ChatAnthropic", "3 validation errors:"): a
 * Python object failing its own model, not OpenClaw's config. When its location is the request
 * body ("'loc': ('body', 'tools', 0)"), a server refused the request for its shape. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe("pydantic's counted validation errors", () => {
  it.each([
    'pydantic_core._pydantic_core.ValidationError: 2 validation errors for ChatAnthropic',
    '1 validation error for Settings\nmodel_name\n  field required (type=value_error.missing)',
  ])('are not a broken OpenClaw config: %s', (text) => {
    expect(verdict(text)).not.toBe('config_invalid');
  });

  it.each([
    "4 validation errors:\n  {'type': 'missing', 'loc': ('body', 'messages', 2, 'content'), 'msg': 'Field required'}",
    '{"detail":[{"type":"string_type","loc":["body","tools",0,"name"],"msg":"Input should be a valid string"}]}',
  ])('located in the request body are a request refused for its shape: %s', (text) => {
    expect(explain(text).verdict.rule).toBe('request-rejected');
  });

  it('a missing key pydantic reports keeps its label', () => {
    expect(verdict('1 validation error for ChatOpenAI\n  No API key found for provider "anthropic"')).toBe(
      'missing_auth',
    );
  });

  it.each([
    'Config validation error: SyntaxError: JSON5: invalid end of input at 12:3',
    'Fatal validation error: gateway.bind must be one of loopback, lan, tailnet',
    'The `minimax` validation error breaks models.json',
  ])("OpenClaw's own config validation stays config_invalid: %s", (text) => {
    expect(verdict(text)).toBe('config_invalid');
  });
});
