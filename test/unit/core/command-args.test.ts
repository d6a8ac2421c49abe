import { describe, expect, expectTypeOf, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { type ArgsOf, defineCommand } from '../../../src/core/command.js';
import { type Given, parseArgs, splitCommand } from '../../../src/core/command-args.js';
import { UserError } from '../../../src/core/errors.js';

const command = (name: string) => commands.find((c) => c.name === name) ?? expect.fail(`no ${name}`);
/** The arguments of typed text after `/claw`. */
const typed = (text: string) => {
  const given = splitCommand(text);
  return parseArgs(command(given.name), given);
};
/** The arguments of a call by name, as Discord's options and stored buttons give them. */
const named = (name: string, args: Record<string, unknown>) =>
  parseArgs(command(name), { name, named: args } as Given);
const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('usage');
    return (err as UserError).message;
  }
  return expect.fail('accepted');
};

describe('splitting what follows /claw', () => {
  it('takes the first word as the command, lower-cased, and help when there is none', () => {
    expect(splitCommand('  Diagnose   gw-1  work ')).toEqual({ name: 'diagnose', words: 'gw-1  work' });
    expect(splitCommand('   ')).toEqual({ name: 'help', words: '' });
  });
});

describe('command arguments', () => {
  it.each([
    ['diagnose', {}],
    ['diagnose gw-1', { host: 'gw-1' }],
    ['diagnose gw-1 work_2', { host: 'gw-1', agent: 'work_2' }],
    ['cooldown gw.example.com', { host: 'gw.example.com' }],
    ['alerts', {}],
    ['audit gw-1', { host: 'gw-1' }],
    [
      'fix restart-gateway gw-1 gateway_down',
      { fix: 'restart-gateway', host: 'gw-1', verdict: 'gateway_down' },
    ],
    ['fix rotate-key', { fix: 'rotate-key' }],
    ['approve a1b2', { approval: 'a1b2' }],
    ['deny a1b2', { approval: 'a1b2' }],
    ['fleet', {}],
    ['fleet-diagnose', {}],
    ['hosts', {}],
    ['help', {}],
  ])('parses `%s`', (text, args) => {
    const parsed = typed(text);
    expect(Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined))).toEqual(args);
  });

  it.each([
    ['diagnose gw;rm', '"gw;rm" is not a host name. Usage: /claw diagnose [host] [agent]'],
    [
      'diagnose gw-1 wo;rk',
      '"wo;rk" is not an agent id (letters, digits, "-" and "_"). Usage: /claw diagnose [host] [agent]',
    ],
    ['diagnose gw-1 work x', 'too many arguments. Usage: /claw diagnose [host] [agent]'],
    ['cooldown a/b', '"a/b" is not a host name. Usage: /claw cooldown [host]'],
    ['alerts gw-1 gw-2', 'too many arguments. Usage: /claw alerts [host]'],
    ['audit $(id)', '"$(id)" is not a host name. Usage: /claw audit [host]'],
    ['fix', 'missing <fix>. Usage: /claw fix <fix> [host] [verdict]'],
    ['fix rm-rf gw-1', 'unknown fix "rm-rf". Fixes: '],
    ['fix toString', 'unknown fix "toString". Fixes: '],
    ['fix restart-gateway gw;1', '"gw;1" is not a host name. Usage: /claw fix <fix> [host] [verdict]'],
    ['approve', 'missing <approval>. Usage: /claw approve <approval>'],
    ['deny a b', 'too many arguments. Usage: /claw deny <approval>'],
    ['explain', 'paste the error after the command'],
    ['explain share', 'paste the error after the command'],
    ['fleet now', 'too many arguments. Usage: /claw fleet'],
    ['hosts all', 'too many arguments. Usage: /claw hosts'],
    ['help me', 'too many arguments. Usage: /claw help'],
  ])('refuses `%s` with the usage', (text, said) => {
    expect(refusal(() => typed(text))).toContain(said);
  });

  it('names the usage after a long bad word, cut to a readable length', () => {
    const said = refusal(() => typed(`diagnose ${'x;'.repeat(300)}`));
    expect(said.length).toBeLessThan(200);
    expect(said).toMatch(/Usage: \/claw diagnose \[host\] \[agent\]$/);
  });

  it('gives explain the pasted text as written, and whether to share it', () => {
    const text = 'Error: 429\n  {"type": "rate_limit_error"}';
    expect(typed(`explain ${text}`)).toEqual({ text: { share: false, text } });
    expect(typed(`explain --share ${text}`)).toEqual({ text: { share: true, text } });
    expect(typed(`explain SHARE ${text}`)).toEqual({ text: { share: true, text } });
    expect(typed('explain shared memory is full')).toEqual({
      text: { share: false, text: 'shared memory is full' },
    });
  });

  it('takes options by name without shifting one into another (Discord, buttons)', () => {
    expect(named('diagnose', { agent: 'work' })).toEqual({ host: undefined, agent: 'work' });
    expect(named('diagnose', { host: ' gw-1 ', agent: '' })).toEqual({ host: 'gw-1', agent: undefined });
    expect(named('explain', { text: 'share 529 overloaded' })).toEqual({
      text: { share: true, text: '529 overloaded' },
    });
  });

  it.each([
    ['diagnose', { host: 'gw 1' }, '"gw 1" is not a host name'],
    ['diagnose', { hostname: 'gw-1' }, 'too many arguments'],
    ['diagnose', { host: 7 }, '<host> is not a word'],
    ['fix', { host: 'gw-1' }, 'missing <fix>'],
  ])('refuses %s called with %j', (name, args, said) => {
    expect(refusal(() => named(name, args))).toContain(said);
  });

  it('refuses at start a command whose rest-of-text option is not its last', () => {
    const run = async () => ({ text: '', blocks: [] });
    const rest = { name: 'text', description: '', required: true, rest: true } as const;
    const host = { name: 'host', description: '', required: false } as const;
    expect(() => defineCommand({ name: 'bad', summary: '', options: [rest, host], run })).toThrow(
      /last option/,
    );
    expect(defineCommand({ name: 'good', summary: '', options: [host, rest], run }).usage).toBe(
      'good [host] <text>',
    );
  });

  it('types the arguments after the options', () => {
    type Args = ArgsOf<
      readonly [
        { readonly name: 'host'; readonly description: ''; readonly required: false },
        {
          readonly name: 'n';
          readonly description: '';
          readonly required: true;
          readonly parse: (w: string) => { ok: true; value: number };
        },
      ]
    >;
    expectTypeOf<Args>().toEqualTypeOf<{ readonly host: string | undefined; readonly n: number }>();
  });
});
