import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/engine/explain.js';

/**
 * Shapes the fifth round showed the rules missing, each with made-up examples: who inherits a
 * key, tokens said to disagree, probes that kill the gateway's pods, a Node the CLI refuses,
 * Chinese for unknown config keys, a coding agent's child process exiting, a run that finished
 * normally, and where each gives way.
 */
const verdict = (text: string) => explain(text).verdict;

describe('an inherited or ambient Anthropic key', () => {
  it.each([
    'the service is inheriting ANTHROPIC_API_KEY from the login shell, so every turn is billed to the API',
    'Runs fail whenever the ambient key is present in the container.',
    'It works with `ANTHROPIC_API_KEY` unset, and fails with a 401 when the variable is exported.',
  ])('is env_override: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'env_override', rule: 'env-inherited' });
  });

  it('leaves a plainly unset key to missing_auth', () => {
    expect(verdict('ANTHROPIC_API_KEY is not set').label).toBe('missing_auth');
  });
});

describe('gateway and client tokens said to disagree', () => {
  it.each([
    'Inconsistent gateway tokens between the CLI and the service lead to 401 Unauthorized',
    'dashboard token inconsistency: every reload asks for a login again',
    'the client auth token disagrees with the one the gateway holds',
  ])('is gateway_client_auth: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'gateway_client_auth', rule: 'client-auth-inconsistent' });
  });
});

describe('probes that take the gateway down', () => {
  it.each([
    'Liveness probe failed: HTTP probe failed with statuscode: 404',
    'the readiness probes keep failing and the pod restarts every minute',
    'our health probes always fail, killing all containers after a minute',
  ])('is gateway_down: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'gateway_down', rule: 'probe-kills-gateway' });
  });
});

describe('a Node.js the CLI does not support', () => {
  it.each([
    'The installer stops: unsupported Node version 18.19.0, please upgrade',
    'install-cli.sh aborted halfway through with exit status 2',
    'Node.js v16.20.2 is not supported by this release',
  ])('is openclaw_missing: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'openclaw_missing', rule: 'node-unsupported' });
  });
});

describe('config keys OpenClaw does not recognise, in Chinese', () => {
  it.each(['配置文件中有几个字段无法识别，网关起不来', '启动时报 不识别的配置项 gateway.foo'])(
    'is config_invalid: %s',
    (text) => {
      expect(verdict(text)).toMatchObject({ label: 'config_invalid', rule: 'config-keys-unrecognised' });
    },
  );
});

describe('a coding agent or the setup failing on its own', () => {
  it.each([
    'Error: Claude Code process exited with code 1',
    'codex subprocess exited with status 3 after the first turn',
    'During onboarding: FATAL ERROR: Reached heap limit Allocation failed',
  ])('is unknown, not gateway_down: %s', (text) => {
    const v = verdict(text);
    expect(v.label).toBe('unknown');
    expect(v.rule).toMatch(/^(?:agent-cli-exit|setup-out-of-memory)$/);
  });

  it('gives way to a route failure the same line names', () => {
    expect(verdict('Claude Code process exited with code 1: Invalid API key').label).toBe('invalid_key');
  });

  it('leaves the gateway process exiting to gateway_down', () => {
    expect(verdict('openclaw gateway process exited with code 1').label).toBe('gateway_down');
  });
});

describe('a model route whose runtime is not registered', () => {
  it('is model_unavailable', () => {
    expect(
      verdict('Agent failed before reply: Requested agent harness "demo" is not registered.'),
    ).toMatchObject({ label: 'model_unavailable', rule: 'harness-not-registered' });
  });

  it('gives way to a refused key on the same line', () => {
    expect(verdict('harness "demo" is not registered; earlier: invalid x-api-key').label).toBe('invalid_key');
  });
});

describe('a run that finished normally', () => {
  it.each([
    'The task completed successfully; the log line is only at the wrong level. No actual failure.',
    '手动启动网关就启动了，然后就可以直接和机器人聊天了',
    'gateway 启动成功',
  ])('is healthy: %s', (text) => {
    expect(verdict(text)).toMatchObject({ label: 'healthy', rule: 'healthy-completed' });
  });

  it('gives way to a failure the same text names', () => {
    expect(verdict('The job completed successfully, then HTTP 429 Too Many Requests').label).toBe(
      'rate_limited',
    );
  });

  it.each([
    '网关无法启动了',
    '网关一直没有启动成功',
    'the nightly job never completed successfully',
    'npm install completed successfully',
  ])('is not read into a run that did not finish: %s', (text) => {
    expect(verdict(text).label).not.toBe('healthy');
  });
});
