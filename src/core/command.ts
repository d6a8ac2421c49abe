import type { ActionStore } from './action-store.js';
import type { ApprovalStore } from './approval.js';
import type { AuditLog } from './audit.js';
import type { Message } from './message.js';
import type { PendingStore } from './pending.js';
import type { DiagnosisTransport } from './transport.js';

/** A `/claw …` as an adapter hands it over: neutral, with the platform's immutable ids. */
export type Invocation = {
  readonly platform: 'slack' | 'discord' | 'console';
  /** The platform event's id: the same event delivered twice is one request. */
  readonly requestId: string;
  /** What follows `/claw`, e.g. `diagnose gw-1`. */
  readonly text: string;
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

export type CommandContext = {
  readonly invocation: Invocation;
  readonly args: readonly string[];
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

/** One argument of a command: a Slack word, a Discord option. */
export type CommandOption = {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  /** Takes the rest of the text (pasted error messages). */
  readonly rest?: boolean;
};

/** One `/claw` subcommand: one file in `commands/`, listed in `commands/index.ts`. */
export type Command = {
  readonly name: string;
  readonly summary: string;
  /** What it takes, in order; Slack parses words into them, Discord registers them as options. */
  readonly options: readonly CommandOption[];
  /** `diagnose [host]`: for help and usage errors, derived from the options. */
  readonly usage: string;
  /** How many words it takes at most, derived from the options. */
  readonly maxArgs: number;
  /** Not listed in help nor registered on Discord: reached through buttons. */
  readonly hidden?: boolean;
  /** Runs only from a stored button action, never from typed text. */
  readonly buttonOnly?: boolean;
  run(ctx: CommandContext): Promise<Message>;
};

/** A command from its definition; its usage line and argument count follow from its options. */
export function defineCommand(def: Omit<Command, 'usage' | 'maxArgs'>): Command {
  const usage = [def.name, ...def.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`))].join(' ');
  const maxArgs = def.options.some((o) => o.rest) ? Number.POSITIVE_INFINITY : def.options.length;
  return { ...def, usage, maxArgs };
}
