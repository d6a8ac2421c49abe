import type { ActionStore } from './action-store.js';
import type { Message } from './message.js';
import type { DiagnosisTransport } from './transport.js';

/** A `/claw …` as an adapter hands it over: neutral, with the platform's immutable ids. */
export type Invocation = {
  readonly platform: 'slack' | 'discord' | 'console';
  /** The platform event's id: the same event delivered twice is one request. */
  readonly requestId: string;
  /** What follows `/claw`, e.g. `diagnose gw-1`. */
  readonly text: string;
  readonly user: { readonly id: string; readonly name?: string };
  readonly channel: { readonly id: string };
  /** Where answers go, encoded by the adapter (`slack:C123:1712345678.0001`). */
  readonly replyTo: string;
};

export type CommandContext = {
  readonly invocation: Invocation;
  readonly args: readonly string[];
  readonly transport: DiagnosisTransport;
  readonly actions: ActionStore;
  /** The host a command means when none is named: the only one, or the configured default. */
  readonly defaultHost: () => Promise<string | null>;
  /** Shows an interim message (probe progress); the adapter edits it in place. */
  readonly progress: (message: Message) => void;
  readonly commands: readonly Command[];
};

/** One `/claw` subcommand: one file in `commands/`, listed in `commands/index.ts`. */
export type Command = {
  readonly name: string;
  /** `diagnose [host]`: for help and usage errors. */
  readonly usage: string;
  readonly summary: string;
  readonly maxArgs: number;
  /** Not listed in help: reached through buttons. */
  readonly hidden?: boolean;
  run(ctx: CommandContext): Promise<Message>;
};

/** Type-checks a command definition. */
export const defineCommand = (command: Command): Command => command;
