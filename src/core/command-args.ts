import type { z } from 'zod';
import type { Command, Parsed } from './command.js';
import type { CommandCall, CommandInput } from './command-input.js';
import { UserError } from './errors.js';

/**
 * The one place a command's arguments are read: typed words, Discord's options and a button's
 * stored call all become the same typed arguments, or a usage message for the person.
 */

/** The command's name and its words, from what follows `/claw` (`help` when nothing does). */
export function splitCommand(text: string): { readonly name: string; readonly words: string } {
  const trimmed = text.trim();
  const name = trimmed.split(/\s+/)[0] ?? '';
  return { name: (name || 'help').toLowerCase(), words: trimmed.slice(name.length).trim() };
}

/** The input's command name and its arguments as words by option name, before parsing. */
export type Given =
  | { readonly name: string; readonly words: string }
  | { readonly name: string; readonly named: CommandCall['args'] };

export const given = (input: CommandInput): Given =>
  'text' in input ? splitCommand(input.text) : { name: input.command.toLowerCase(), named: input.args };

const usageError = (c: Command, problem: string) =>
  new UserError('usage', `${problem} Usage: /claw ${c.usage}`);

/** Words to options in order; a `rest` option takes what is left, as written. */
function byPosition(c: Command, text: string): Record<string, string> {
  const words = [...text.matchAll(/\S+/g)];
  const out: Record<string, string> = {};
  let used = 0;
  for (const o of c.options) {
    const word = words[used];
    if (!word) break;
    if (o.rest) {
      out[o.name] = text.slice(word.index).trimEnd();
      used = words.length;
      break;
    }
    out[o.name] = word[0];
    used++;
  }
  if (used < words.length) throw usageError(c, 'too many arguments.');
  return out;
}

/**
 * The command's arguments, parsed by its options: a word that is not what an option takes, a
 * required one missing or one too many is a `usage` error that names the usage line.
 */
export function parseArgs(c: Command, input: Given): Record<string, unknown> {
  const words: Readonly<Record<string, unknown>> =
    'words' in input ? byPosition(c, input.words) : input.named;
  if (Object.keys(words).some((name) => !c.options.some((o) => o.name === name)))
    throw usageError(c, 'too many arguments.');
  const args: Record<string, unknown> = {};
  for (const o of c.options) {
    const raw = words[o.name];
    if (raw !== undefined && typeof raw !== 'string') throw usageError(c, `<${o.name}> is not a word.`);
    const word = raw?.trim();
    if (!word) {
      if (o.required) throw usageError(c, o.missing ?? `missing <${o.name}>.`);
      args[o.name] = undefined;
      continue;
    }
    const parsed = o.parse ? o.parse(word) : ({ ok: true, value: word } as const);
    if (!parsed.ok) throw usageError(c, parsed.problem);
    args[o.name] = parsed.value;
  }
  return args;
}

/** An option's `parse` from a zod schema, with what to say about a word it refuses. */
export const fromSchema =
  <T>(schema: z.ZodType<T>, problem: (word: string) => string) =>
  (word: string): Parsed<T> => {
    const r = schema.safeParse(word);
    return r.success ? { ok: true, value: r.data } : { ok: false, problem: problem(word) };
  };
