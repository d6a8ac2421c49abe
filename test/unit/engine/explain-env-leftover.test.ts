import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * An environment the process runs with that is not the one configured: old values kept after a
 * restart, a provider variable whose unsetting fixed the route, a service (systemd, launchd) told
 * to read its key from OpenClaw's own `.env` because it does not see the shell's. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('an environment other than the configured one', () => {
  it.each([
    'After an in-process restart the gateway kept using the old values of the environment variables.',
    'Removing environment values from the config left the process using stale values.',
    'I had OPENAI_BASE_URL="https://api.openai.com/v1" set. Unset that and it works again.',
    'I had MISTRAL_API_KEY exported in .zshrc; removing it fixed the 401s.',
    'unset GEMINI_API_KEY and it worked',
    'If the gateway runs under systemd/launchd, put the key into ~/.openclaw/.env so the daemon can read it.',
    'Gateway chạy dưới systemd, đặt key vào ~/.openclaw/.env rồi restart.',
  ])('is the environment: %s', (text) => {
    expect(verdict(text)).toBe('env_override');
  });
});

describe('neighbours that keep their own label', () => {
  it('a key said to be missing stays missing', () => {
    expect(
      verdict('No API key found for provider "anthropic". Auth store: ~/.openclaw/agents/main/agent'),
    ).toBe('missing_auth');
  });

  it('an instruction to unset a variable with no outcome is not a story of its own', () => {
    expect(verdict('Run unset MY_TOOL_HOME before the install.')).not.toBe('env_override');
  });

  it('a systemd unit that fails is the gateway, not its environment', () => {
    expect(verdict('openclaw-gateway.service: Failed with result exit-code.')).toBe('gateway_down');
  });

  it('a config value kept after a restart is not the environment', () => {
    expect(verdict('the model list kept using the old values after restart')).not.toBe('env_override');
  });
});
