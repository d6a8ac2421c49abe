import type { ActionStore } from './action-store.js';
import type { ApprovalStore } from './approval.js';
import type { AuditLog } from './audit.js';
import type { CommandInput } from './command-input.js';
import { BotError } from './errors.js';
import type { Message } from './message.js';
import type { PendingStore } from './pending.js';
import type { DiagnosisTransport } from './transport.js';

/** A `/claw …` as an adapter hands it over: neutral, with the platform's immutable ids. */
export type Invocation = {
  readonly platform: 'slack' | 'discord' | 'console';
  /** The platform event's id: the same event delivered twice is one request. */
  readonly requestId: string;
  /** What the person asked for: typed text, or a command with its arguments by name. */
  readonly input: CommandInput;
  readonly user: { readonly id: string; readonly name?: string; readonly roles?: readonly string[] };
  readonly channel: { readonly id: string };
  /**
   * Where answers go: the conversation the request came from, written by the adapter with
   * `formatReplyTo` (`slack:C123:1712345678.0001`, `discord:123`, `console`). The adapter posts
   * its answers to the channel and thread it names, a bot that adopts the request after this one
   * died posts there too (`PendingAnswer.replyTo`), and the audit records it as `where`.
   */
  readonly replyTo: string;
  /** A button click: the id of the message that carried the button. */
  readonly sourceMessage?: string | undefined;
};

/** What a command runs with; `A`: its arguments by option name, parsed (`ArgsOf` its options). */
export type CommandContext<A = Readonly<Record<string, unknown>>> = {
  readonly invocation: Invocation;
  readonly args: A;
  /** The running command's usage line, for messages about its arguments. */
  readonly usage: string;
  readonly transport: DiagnosisTransport;
  readonly actions: ActionStore;
  readonly fixes: FixPolicy;
  /** The host a command means when none is named: the only one, or the configured default. */
  readonly defaultHost: () => Promise<string | null>;
  /** Shows an interim message (probe progress); the adapter edits it in place. */
  readonly progress: (message: Message) => void;
  /** Where queued requests wait for their answer, so another bot can give it (with Redis only). */
  readonly pending?: PendingStore | undefined;
  /** A button click: replaces the message that carried the button (an approval request once decided). */
  readonly editSource?: ((message: Message) => Promise<void>) | undefined;
  readonly commands: readonly Command[];
};

/** Who may approve fixes, how long a request waits, and where approvals and the audit trail live. */
export type FixPolicy = {
  readonly approvals: ApprovalStore;
  readonly audit: AuditLog;
  /** Platform user ids of approvers. */
  readonly approvers: readonly string[];
  /** Slack user group ids or Discord role ids whose members approve. */
  readonly groups: readonly string[];
  /** Whether a requester may approve their own restart-class fix. */
  readonly allowSelf: boolean;
  readonly ttlMs: number;
};

/** A word as its command uses it, or what is wrong with it, in words for the person. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

/**
 * One argument of a command: a Slack word, a Discord option. The same declaration gives the
 * usage line, Discord's options, and the typed value `run` gets (`parse`).
 */
export type CommandOption = {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  /** Takes the rest of the text as written (pasted error messages). */
  readonly rest?: boolean;
  /** The value from the word, or what is wrong with it; without one, the word itself. */
  readonly parse?: (word: string) => Parsed<unknown>;
  /** A required option not given: what to say before the usage line (default `missing <name>.`). */
  readonly missing?: string;
};

type ValueOf<O> = O extends { readonly parse: (word: string) => Parsed<infer T> } ? T : string;

/** A command's arguments by option name as `run` gets them: parsed; `undefined` only if optional. */
export type ArgsOf<O extends readonly CommandOption[]> = {
  readonly [K in O[number] as K['name']]: K extends { readonly required: true }
    ? ValueOf<K>
    : ValueOf<K> | undefined;
};

/** One `/claw` subcommand: one file in `commands/`, listed in `commands/index.ts`. */
export type Command = {
  readonly name: string;
  readonly summary: string;
  /** What it takes, in order; Slack parses words into them, Discord registers them as options. */
  readonly options: readonly CommandOption[];
  /** `diagnose [host]`: for help and usage errors, derived from the options. */
  readonly usage: string;
  /** Not listed in help nor registered on Discord: reached through buttons. */
  readonly hidden?: boolean;
  /** Runs only from a stored button action, never from typed text. */
  readonly buttonOnly?: boolean;
  /** Gets the arguments `parseArgs` made from `options`. */
  run(ctx: CommandContext): Promise<Message>;
};

/** A command as written in `commands/`: `run` sees its arguments typed after its options. */
export type CommandDefinition<O extends readonly CommandOption[]> = Omit<
  Command,
  'usage' | 'options' | 'run'
> & {
  readonly options: O;
  run(ctx: CommandContext<ArgsOf<O>>): Promise<Message>;
};

/** A command from its definition; its usage line follows from its options. */
export function defineCommand<const O extends readonly CommandOption[]>(def: CommandDefinition<O>): Command {
  if (def.options.slice(0, -1).some((o) => o.rest))
    throw new BotError(
      'internal',
      `command "${def.name}": only its last option may take the rest of the text`,
    );
  const usage = [def.name, ...def.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`))].join(' ');
  // Dispatch parses the arguments with these same options, so they are `ArgsOf<O>`.
  return { ...def, usage, run: def.run as Command['run'] };
}
