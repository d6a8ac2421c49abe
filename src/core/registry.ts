import type { Command } from './command.js';
import { BotError } from './errors.js';

export type Registry = {
  get(name: string): Command | undefined;
  list(): readonly Command[];
};

/** The commands by name; a duplicate name is a mistake caught at start. */
export function createRegistry(commands: readonly Command[]): Registry {
  const byName = new Map<string, Command>();
  for (const c of commands) {
    if (byName.has(c.name)) throw new BotError('internal', `command "${c.name}" is registered twice`);
    byName.set(c.name, c);
  }
  return { get: (name) => byName.get(name), list: () => commands };
}
