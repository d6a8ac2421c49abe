import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UserError } from '../core/errors.js';

/** Parses a verb's flags strictly; a mistake becomes a usage error that names the verb's help. */
export function parseVerbArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  verb: string,
  args: readonly string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new UserError('usage', `${why}\nRun \`clawops ${verb} --help\` for usage.`, { cause: err });
  }
}
