import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_OPENCLAW, FAKE_OPENCLAW_FULL, prepareScenario, type Scenario } from '../support/scenario.js';

/**
 * The shell front of the fake `openclaw` replays a capture itself, answers the uncaptured calls
 * (fix commands, --version, the auth help) and leaves the rest to openclaw.mjs: for every captured
 * command of a running and of a stopped gateway, and for each uncaptured one, both must print the
 * same bytes, exit alike and record the same call.
 */
async function answer(bin: string, s: Scenario, args: string[], env: Record<string, string> = {}) {
  const calls = join(s.dir, `calls-${bin === FAKE_OPENCLAW ? 'front' : 'full'}.jsonl`);
  const run = await execa(bin, args, {
    env: { ...s.env, ...env, FAKE_OPENCLAW_CALLS: calls },
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
    encoding: 'buffer',
  });
  const call = readFileSync(calls, 'utf8').trim().split('\n').at(-1) ?? '';
  return {
    code: run.exitCode,
    stdout: Buffer.from(run.stdout).toString('base64'),
    stderr: Buffer.from(run.stderr).toString('base64'),
    args: (JSON.parse(call) as { args: string[] }).args,
  };
}

describe.each(['healthy', 'gateway_down'])('the fake openclaw on the %s capture', (name) => {
  let s: Scenario;
  beforeAll(async () => {
    s = await prepareScenario(name);
  });
  afterAll(() => s.stop());

  it('answers every captured command from its shell front as openclaw.mjs does', async () => {
    const commands = readFileSync(join(s.env.FAKE_OPENCLAW_SCENARIO_DIR ?? '', 'timings.tsv'), 'utf8')
      .split('\n')
      .map((line) => line.split('\t')[3] ?? '')
      .filter((c) => c.startsWith('openclaw ') && !/ (restart|start)\b|--fix/.test(c))
      .map((c) => c.slice('openclaw '.length).split(' '));
    expect(commands.length).toBeGreaterThan(10);
    for (const args of [...commands, ['--version'], ['no', 'such', 'command']]) {
      const front = await answer(FAKE_OPENCLAW, s, args);
      expect(front, args.join(' ')).toEqual(await answer(FAKE_OPENCLAW_FULL, s, args));
      expect(front.args).toEqual(args);
    }
  });

  it('answers the commands a fix runs and the auth help from its shell front as openclaw.mjs does', async () => {
    const uncaptured: [string[], Record<string, string>?][] = [
      [['gateway', 'restart', '--json']],
      [['gateway', 'start', '--json']],
      [['doctor', '--fix', '--non-interactive']],
      [['models', 'auth', 'clear-cooldown', 'anthropic:default']],
      [['gateway', 'started']],
      [['models', 'auth', '--help']],
      [['models', 'auth', '--help'], { FAKE_OPENCLAW_CLEAR_COOLDOWN: '1' }],
    ];
    for (const [args, env] of uncaptured) {
      const front = await answer(FAKE_OPENCLAW, s, args, env);
      expect(front, args.join(' ')).toEqual(await answer(FAKE_OPENCLAW_FULL, s, args, env));
      expect(front.args).toEqual(args);
    }
  });
});
