import { existsSync, readFileSync } from 'node:fs';
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

  const scenarioDir = () => s.env.FAKE_OPENCLAW_SCENARIO_DIR ?? '';
  /** The captured commands (name and argv), fix commands aside. */
  const captured = () =>
    readFileSync(join(scenarioDir(), 'timings.tsv'), 'utf8')
      .split('\n')
      .map((line) => line.split('\t'))
      .filter(([, , , c]) => c?.startsWith('openclaw ') && !/ (restart|start)\b|--fix/.test(c))
      .map(([name, , , c]) => ({ name: name ?? '', args: (c ?? '').slice('openclaw '.length).split(' ') }));

  async function expectSameAnswers(commands: readonly string[][], env?: Record<string, string>) {
    for (const args of commands) {
      const front = await answer(FAKE_OPENCLAW, s, args, env);
      expect(front, args.join(' ')).toEqual(await answer(FAKE_OPENCLAW_FULL, s, args, env));
      expect(front.args).toEqual(args);
    }
  }

  it('answers every captured command from its shell front as openclaw.mjs does', async () => {
    const commands = captured().map((c) => c.args);
    expect(commands.length).toBeGreaterThan(10);
    await expectSameAnswers([...commands, ['--version'], ['no', 'such', 'command']]);
  });

  it('answers alike while settings shape some calls: the shaped ones and the others', async () => {
    const replayed = captured().filter((c) => existsSync(join(scenarioDir(), `${c.name}.code`)));
    const [garbled, withoutJson] = replayed;
    expect(withoutJson).toBeDefined();
    await expectSameAnswers(
      captured().map((c) => c.args),
      {
        FAKE_OPENCLAW_GARBAGE: `not-a-capture,${garbled?.name}`,
        FAKE_OPENCLAW_NO_JSON: `${withoutJson?.name}`,
        FAKE_OPENCLAW_HANG: 'not-a-capture',
        FAKE_OPENCLAW_SLOW_ONCE: 'no such start=1,=5',
        FAKE_OPENCLAW_HOLD_ONCE: `no such hold=${join(s.dir, 'never')}`,
        FAKE_OPENCLAW_FOLLOW_FILE: join(s.dir, 'followed.log'),
      },
    );
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
