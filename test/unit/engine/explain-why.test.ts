import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ExplanationSchema } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/** `explain` says which rule matched and which words, so a wrong verdict can be reported precisely. */

describe('explain names the rule and the span', () => {
  it('reads a bare Anthropic error body by its fields', () => {
    const result = explain(
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CV"}',
    );
    expect(ExplanationSchema.parse(result)).toEqual(result);
    expect(result.verdict).toMatchObject({
      label: 'overloaded',
      rule: 'overloaded',
      span: 'overloaded_error',
      provider: 'anthropic',
    });
    expect(result.findings[0]).toMatchObject({ label: 'overloaded', rule: 'overloaded' });
  });

  it('reads a body whose message says nothing by its error type', () => {
    const result = explain('{"type":"error","error":{"type":"billing_error","message":"Request refused."}}');
    expect(result.verdict).toMatchObject({ label: 'billing', rule: 'provider-error-type' });
  });

  it('reads a key=value decision line by its fields', () => {
    const result = explain(
      '2026-09-14T03:12:09.114Z warn [model-fallback] decision=skip_cooldown requestedProvider=anthropic reason=billing',
    );
    expect(result.verdict).toMatchObject({
      label: 'cooldown',
      cause: 'billing',
      rule: 'record-decision',
      span: 'decision=skip_cooldown',
    });
  });

  it('reads a one-sentence description', () => {
    const result = explain(
      'Since the upgrade the old ANTHROPIC_API_KEY from the service env file takes precedence over the profile I pasted.',
    );
    expect(result.verdict).toMatchObject({ label: 'env_override', rule: 'env-override' });
    expect(result.verdict.span).toContain('ANTHROPIC_API_KEY');
  });

  it('keeps the Anthropic route first and reports another provider as a finding of its own', () => {
    const result = explain(
      [
        'No API key found for provider "openai". Auth store: /home/op/.openclaw/state/openclaw.sqlite',
        'No available auth profile for anthropic (all in cooldown or unavailable).',
      ].join('\n'),
    );
    expect(result.verdict.label).toBe('cooldown');
    expect(result.findings.map((f) => [f.label, f.provider])).toEqual([
      ['cooldown', 'anthropic'],
      ['model_unavailable', 'openai'],
    ]);
  });

  it('splits a summary of several models, so a fallback on the same line does not hide the route', () => {
    const result = explain(
      '⚠️ Agent failed before reply: All models failed (2): anthropic/claude-opus-4-5: Provider anthropic is in cooldown (all profiles unavailable) (rate_limit) | openai/gpt-5.2: No API key found for provider "openai".',
    );
    expect(result.verdict).toMatchObject({ label: 'cooldown', cause: 'rate_limited', provider: 'anthropic' });
    expect(result.findings.map((f) => [f.label, f.provider])).toEqual([
      ['cooldown', 'anthropic'],
      ['model_unavailable', 'openai'],
    ]);
  });

  it('lets the cause printed beside a failed probe decide', () => {
    const result = explain('RPC probe: failed\ngateway connect failed: unauthorized: device token mismatch');
    expect(result.verdict).toMatchObject({ label: 'gateway_client_auth', rule: 'client-auth-message' });
    expect(result.findings.map((f) => f.label)).toEqual(['gateway_client_auth', 'gateway_down']);
  });

  it('recognises healthy evidence, and lets any failure outrank it', () => {
    expect(explain('RPC probe: ok\nReachable: yes').verdict).toMatchObject({
      label: 'healthy',
      rule: 'healthy',
    });
    expect(explain('RPC probe: ok\nHTTP 429 rate_limit_error').verdict.label).toBe('rate_limited');
  });

  it('reads a message wrapped across two lines, and a body printed over several', () => {
    expect(
      explain('Error proxying request: the container is not\nlistening on the TCP address 10.0.0.1:18789')
        .verdict,
    ).toMatchObject({ label: 'gateway_down', rule: 'gateway-runtime' });
    const pretty = [
      '{',
      '  "type": "error",',
      '  "error": {',
      '    "type": "billing_error",',
      '    "message": "Request refused."',
      '  }',
      '}',
    ];
    expect(explain(pretty.join('\n')).verdict).toMatchObject({
      label: 'billing',
      rule: 'provider-error-type',
    });
  });

  it('reads telling keys written key: value', () => {
    expect(explain('profile state — windowType: disabled, disabledReason: billing').verdict).toMatchObject({
      label: 'cooldown',
      cause: 'billing',
      rule: 'record-window',
    });
  });

  it('never carries a secret in the span', () => {
    const key = `sk-ant-api03-${randomBytes(30).toString('base64url')}`;
    const result = explain(`ANTHROPIC_API_KEY=${key} in /etc/openclaw.env overrides the auth profile`);
    expect(result.verdict.label).toBe('env_override');
    expect(result.verdict.span).toContain('[REDACTED');
    expect(JSON.stringify(result)).not.toContain(key.slice('sk-ant-api03-'.length, -4));
  });
});
