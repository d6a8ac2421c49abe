import type { Message } from './message.js';

/**
 * A request the bot has queued and not answered yet, and where its answer goes: enough for any
 * bot to answer it when the bot that took it has died.
 */
export type PendingAnswer = {
  /** The request id (the platform event's). */
  readonly requestId: string;
  readonly host: string;
  /** The queued job that answers it. */
  readonly runId: string;
  /**
   * Where the answer goes (`slack:C123[:thread ts]`, `discord:123`), as the invocation's
   * `replyTo`: the bot that adopts the request posts it there.
   */
  readonly replyTo: string;
  /** Platform user id of the person who asked (a verdict's buttons are theirs). */
  readonly requestedBy: string;
  readonly createdAt: number;
} & (
  | { readonly kind: 'diagnose' }
  | {
      readonly kind: 'fix';
      readonly approvalId: string;
      /** Platform user id of the approver, and how they are shown. */
      readonly approvedBy: string;
      readonly approvedByName: string;
      /** The approval request's message, edited to the outcome. */
      readonly approvalMessage?: string | undefined;
    }
);

/** Requests waiting for their answer, in Redis, each owned by the live bot that waits for it. */
export interface PendingStore {
  /** Notes a queued request as this bot's. */
  track(p: PendingAnswer): Promise<void>;
  /** The message that shows the request's progress, to be replaced by its answer. */
  placed(requestId: string, messageId: string): Promise<void>;
  /** The answer was delivered (or the request came to nothing): forget it. */
  done(requestId: string): Promise<void>;
  /**
   * Takes over the requests whose bot has died and that `canAnswer` (this bot runs their
   * platform); each is handed to one bot only.
   */
  adoptOrphans(
    canAnswer: (p: PendingAnswer) => boolean,
  ): Promise<(PendingAnswer & { readonly messageId?: string })[]>;
  close(): Promise<void>;
}

/** Where a platform posts and edits answers outside a live interaction (the adapters implement it). */
export interface AnswerSink {
  /** Posts in `channel` (in `thread` when given); returns the message's id. */
  post(channel: string, message: Message, thread?: string): Promise<string>;
  edit(channel: string, messageId: string, message: Message): Promise<void>;
}

/** The conversation a request came from, and so where its answers go. */
export type ReplyTo = { readonly platform: string; readonly channel: string; readonly thread?: string };

/**
 * Platform, channel and thread → `slack:C123:1712.0001` (`discord:123`, `console`): how an adapter
 * writes an invocation's `replyTo`, so the answer, the audit and a bot that adopts the request
 * read one and the same place.
 */
export function formatReplyTo(to: {
  readonly platform: string;
  readonly channel?: string | undefined;
  readonly thread?: string | undefined;
}): string {
  return [to.platform, to.channel, to.channel ? to.thread : undefined].filter(Boolean).join(':');
}

/** `slack:C123:1712.0001` → platform, channel and thread. */
export function parseReplyTo(replyTo: string): { platform: string; channel: string; thread?: string } {
  const [platform = '', channel = '', thread] = replyTo.split(':');
  return thread ? { platform, channel, thread } : { platform, channel };
}
