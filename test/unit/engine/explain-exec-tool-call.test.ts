import { describe, expect, it } from 'vitest';
import type { Label } from '../../../src/engine/diagnosis.js';
import { explain } from '../../../src/engine/explain.js';

/**
 * The agent's exec tool run on a host ("exec host=node command='sw_vers'"): what follows is the
 * command's output, so a "command not found" there is not the OpenClaw CLI missing and an exit
 * code is not the gateway stopping. A route failure the text names outranks it. Made-up examples.
 */

const verdict = (text: string): Label => explain(text).verdict.label;

describe('an exec tool call', () => {
  it.each([
    "$ exec host=node node='Build Box' command='brew --version'\ncommand not found",
    "exec host=sandbox command='make test'\nexit code 2",
    'exec(host: "gateway", command: "systemctl --user status foo")\nKilled',
  ])('is unknown, not the CLI or the gateway: %s', (text) => {
    const v = explain(text).verdict;
    expect(v.label).toBe('unknown');
    expect(v.rule).toBe('exec-tool-call');
  });

  it('a route failure named beside it outranks it', () => {
    expect(
      verdict("exec host=gateway command='curl api'\nHTTP 401 authentication_error: invalid x-api-key"),
    ).toBe('invalid_key');
  });

  it.each(['openclaw: command not found', 'zsh: command not found: openclaw'])(
    'the CLI itself not found stays openclaw_missing: %s',
    (text) => {
      expect(verdict(text)).toBe('openclaw_missing');
    },
  );
});
