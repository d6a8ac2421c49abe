import type { ChatInputCommandInteraction } from 'discord.js';
import type { Command, CommandOption } from '../../src/core/command.js';

const MAX_DESCRIPTION = 100;
const short = (s: string) => (s.length <= MAX_DESCRIPTION ? s : `${s.slice(0, MAX_DESCRIPTION - 1)}…`);

/**
 * `/claw` as one Discord application command with a subcommand per listed command, its options
 * derived from the same definitions Slack parses words into. All options are strings.
 */
export function clawCommand(commands: readonly Command[]) {
  return {
    name: 'claw',
    description: 'clawops: why an OpenClaw gateway stopped answering, and who owns the fix',
    type: 1,
    options: commands
      .filter((c) => !c.hidden)
      .map((c) => ({
        type: 1,
        name: c.name,
        description: short(c.summary),
        options: c.options.map((o) => ({
          type: 3,
          name: o.name,
          description: short(o.description),
          required: o.required,
          max_length: o.rest ? 4000 : 100,
        })),
      })),
  };
}

/** Discord hands the options by name: each goes to its own argument, none shifts into another. */
export function optionArgs(
  i: ChatInputCommandInteraction,
  options: readonly CommandOption[],
): Record<string, string> {
  const args: Record<string, string> = {};
  for (const o of options) {
    const value = i.options.getString(o.name);
    if (value) args[o.name] = value;
  }
  return args;
}
