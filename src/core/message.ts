import { BotError } from './errors.js';
/**
 * The platform-neutral message every command returns. Per-platform renderers turn it into Slack
 * blocks, Discord embeds or console text, each within its platform's limits.
 */
export type Message = {
  /** Plain-text fallback for notifications and platforms without blocks. Always required. */
  readonly text: string;
  readonly blocks: readonly Block[];
  /** `requester`: only the person who asked should see it (errors, help). */
  readonly visibility?: 'channel' | 'requester';
  /** How it reads at a glance, set with its words; renderers map it to their colours. */
  readonly tone?: Tone;
  /** What does not fit in a message (a large fleet's table): a file with it, or in its thread. */
  readonly file?: { readonly name: string; readonly text: string };
};

/** All well; something to look at that may pass or has a way around; broken until someone acts. */
export type Tone = 'ok' | 'warn' | 'problem';

export type Block =
  | { readonly type: 'header'; readonly text: string }
  | { readonly type: 'markdown'; readonly text: string }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'fields'; readonly fields: readonly Field[] }
  | { readonly type: 'actions'; readonly buttons: readonly Button[] }
  | { readonly type: 'divider' };

export type Field = { readonly label: string; readonly value: string };

export type Button = {
  readonly label: string;
  readonly style?: 'primary' | 'danger';
  /** A short opaque id; what it means lives server-side (an `ActionStore`) with a TTL. */
  readonly actionId: string;
  /** Its answer replaces the message it is on (Diagnose all), instead of coming as a new one. */
  readonly inPlace?: boolean;
};

/** Exhaustiveness guard for renderers' `switch (block.type)`. */
export function assertNever(x: never): never {
  throw new BotError('internal', `unexpected block ${JSON.stringify(x)}`);
}

/** A one-paragraph message, for errors, acknowledgements and progress. */
export const textMessage = (text: string, visibility: Message['visibility'] = 'channel'): Message => ({
  text,
  blocks: [{ type: 'markdown', text }],
  visibility,
});
