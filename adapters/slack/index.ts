import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  App,
  type AppOptions,
  HTTPReceiver,
  LogLevel,
  type RespondFn,
  SocketModeReceiver,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AlertSink } from '../../src/core/alert-delivery.js';
import { type DispatchDeps, dispatch, dispatchAction } from '../../src/core/dispatch.js';
import { BotError } from '../../src/core/errors.js';
import type { Message } from '../../src/core/message.js';
import { type AnswerSink, formatReplyTo, parseReplyTo } from '../../src/core/pending.js';
import { createReplyChain } from '../../src/core/reply-chain.js';
import { boltLogger, type JsonLog } from './bolt-logger.js';
import { ACTION_PREFIX, IN_PLACE, renderSlack } from './render.js';
import { refuseFutureRequests } from './request-age.js';

export { boltLevelFor } from './bolt-logger.js';

export type SlackAdapterOptions = {
  readonly botToken: string;
  /** HTTP mode: requests are verified with it (forged or stale ones get 401). */
  readonly signingSecret?: string | undefined;
  /** Socket Mode when set. */
  readonly appToken?: string | undefined;
  /** Web API base URL (`SLACK_API_URL`), e.g. `https://slack.com/api/`. */
  readonly apiUrl?: string | undefined;
  readonly deps: DispatchDeps;
  /** Slack user group ids whose members approve fixes; membership is read from Slack. */
  readonly approverGroups?: readonly string[];
  /** Least time between two edits of one message while probes report progress. */
  readonly progressIntervalMs?: number;
  readonly logLevel?: LogLevel;
  /** Where Bolt's own messages go (default: Bolt's console logger). */
  readonly log?: JsonLog;
};

export type SlackAdapter = {
  /** HTTP mode: listens on `port` (0: any) and returns it; Socket Mode: connects. */
  start(port?: number, host?: string): Promise<number | null>;
  stop(): Promise<void>;
  /** Posts and edits cooldown alerts in channels, with the bot token. */
  readonly alerts: AlertSink;
  /** Posts and edits answers outside a live request (a request another bot took), with the bot token. */
  readonly answers: AnswerSink;
  /** HTTP mode: listening; Socket Mode: the WebSocket to Slack is up. */
  connected(): boolean;
};

/** Slack ids as they travel in a request id: letters, digits, `.`, `-`, `_`. */
const idPart = (s: string): string => s.replace(/[^\w.-]/g, '_').slice(0, 100);

/** The channel and thread an invocation's `replyTo` names: where its answers are posted. */
const where = (replyTo: string): { channel: string; threadTs?: string } => {
  const { channel, thread } = parseReplyTo(replyTo);
  return thread ? { channel, threadTs: thread } : { channel };
};

/**
 * A chain of Slack calls for one conversation: the "diagnosing…" post, progress edits (at most
 * one per interval; the latest wins) and the verdict, in order, never two at once. An answer
 * for the requester only (a mistake, a refusal) goes through `response_url` as an ephemeral
 * message, and takes any progress post of its own out of the channel.
 */
function createReplier(
  client: WebClient,
  respond: RespondFn,
  where: { channel: string; threadTs?: string | undefined; editTs?: string | undefined },
  intervalMs: number,
  onPosted?: (ts: string) => void,
) {
  const { channel, threadTs, editTs } = where;
  // A button that answers in place edits its own message from the start.
  let ts: string | null = editTs ?? null;
  const chain = createReplyChain(async (m) => {
    const body = renderSlack(m);
    if (m.visibility === 'requester') {
      // A refusal never takes out the message a button answers in place: only the clicker sees it.
      if (ts && ts !== editTs) await client.chat.delete({ channel, ts }).catch(() => {});
      ts = editTs ?? null;
      await respond({ response_type: 'ephemeral', replace_original: false, ...body });
    } else if (ts) await client.chat.update({ channel, ts, ...body });
    else {
      ts =
        (await client.chat.postMessage({ channel, ...body, ...(threadTs ? { thread_ts: threadTs } : {}) }))
          .ts ?? null;
      if (ts) onPosted?.(ts);
    }
  }, intervalMs);
  return {
    progress: chain.progress,
    /** The final message, then its file (a large fleet's table) in the message's thread. */
    async final(m: Message): Promise<void> {
      await chain.final(m);
      if (m.file && ts)
        await client.files.uploadV2({
          channel_id: channel,
          thread_ts: threadTs ?? ts,
          filename: m.file.name,
          title: m.file.name,
          content: m.file.text,
        });
    },
  };
}

/**
 * `/claw` on Slack through Bolt: acks within Slack's 3 s before anything slow, posts
 * "diagnosing …" at once, edits it as probes finish, and ends with the verdict and its buttons;
 * button clicks answer in the message's thread. Help, mistakes and refusals are ephemeral. Web API calls honour 429 `Retry-After` with a
 * short retry budget, so a post never lands half an hour late.
 */
export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  const clientOptions = {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl.endsWith('/') ? opts.apiUrl : `${opts.apiUrl}/` } : {}),
    rejectRateLimitedCalls: false,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5_000, maxRetryTime: 60_000 },
  };
  const logger = opts.log ? { logger: boltLogger(opts.log, opts.logLevel ?? LogLevel.INFO) } : {};
  const receiver = opts.appToken
    ? new SocketModeReceiver({
        appToken: opts.appToken,
        installerOptions: { clientOptions },
        ...logger,
      })
    : new HTTPReceiver({
        signingSecret: opts.signingSecret ?? '',
        unhandledRequestTimeoutMillis: 3_001,
        ...logger,
      });
  if (receiver instanceof HTTPReceiver)
    receiver.requestListener = refuseFutureRequests(receiver.requestListener);
  const app = new App({
    token: opts.botToken,
    receiver,
    clientOptions,
    ...logger,
    ...(opts.logLevel ? { logLevel: opts.logLevel } : {}),
  } satisfies AppOptions);
  const interval = opts.progressIntervalMs ?? 1_500;
  const groupCache = new Map<string, { users: Set<string>; at: number }>();
  /** The approver groups `user` belongs to, read with `usergroups.users.list` (cached for a minute). */
  const groupsOf = async (client: WebClient, user: string): Promise<string[]> => {
    const out: string[] = [];
    for (const group of opts.approverGroups ?? []) {
      let cached = groupCache.get(group);
      if (!cached || Date.now() - cached.at > 60_000) {
        const res = await client.usergroups.users.list({ usergroup: group }).catch(() => null);
        cached = { users: new Set(res?.users ?? []), at: Date.now() };
        groupCache.set(group, cached);
      }
      if (cached.users.has(user)) out.push(group);
    }
    return out;
  };

  app.command('/claw', async ({ command, ack, client, respond }) => {
    await ack();
    const invocation = {
      platform: 'slack' as const,
      requestId: `slack-${idPart(command.trigger_id)}`,
      input: { text: command.text ?? '' },
      user: { id: command.user_id, name: command.user_name, roles: await groupsOf(client, command.user_id) },
      channel: { id: command.channel_id },
      replyTo: formatReplyTo({ platform: 'slack', channel: command.channel_id }),
    };
    const { pending } = opts.deps;
    const placed = (ts: string) => void pending?.placed(invocation.requestId, ts).catch(() => {});
    const reply = createReplier(client, respond, where(invocation.replyTo), interval, placed);
    const result = await dispatch(invocation, opts.deps, (m) => reply.progress(m));
    await reply.final(result).catch(async (err: unknown) => {
      // Not in the channel, or the post failed: the requester still gets the answer.
      await respond({ response_type: 'ephemeral', ...renderSlack(result) });
      throw err;
    });
    await pending?.done(invocation.requestId).catch(() => {});
  });

  app.action(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action, client, respond }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const channel = body.channel?.id ?? body.container?.channel_id;
    const threadTs = body.message?.thread_ts ?? body.message?.ts;
    if (!channel) return;
    const requestId = `slack-${idPart(body.trigger_id ?? randomUUID())}`;
    const { pending } = opts.deps;
    const placed = (ts: string) => void pending?.placed(requestId, ts).catch(() => {});
    const inPlace = 'action_id' in action && action.action_id.startsWith(`${ACTION_PREFIX}${IN_PLACE}`);
    const editTs = inPlace ? body.message?.ts : undefined;
    const replyTo = formatReplyTo({ platform: 'slack', channel, thread: threadTs });
    const reply = createReplier(client, respond, { ...where(replyTo), editTs }, interval, placed);
    const sourceTs = body.message?.ts;
    const editSource = sourceTs
      ? async (m: Message) => {
          await client.chat.update({ channel, ts: sourceTs, ...renderSlack(m) });
        }
      : undefined;
    const result = await dispatchAction(
      {
        platform: 'slack',
        requestId,
        actionId: action.value ?? '',
        user: {
          id: body.user.id,
          name: body.user.name ?? body.user.id,
          roles: await groupsOf(client, body.user.id),
        },
        channel: { id: channel },
        replyTo,
        sourceMessage: sourceTs,
      },
      opts.deps,
      (m) => reply.progress(m),
      editSource,
    );
    await reply.final(result);
    await pending?.done(requestId).catch(() => {});
  });

  let up = false;
  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on('connected', () => {
      up = true;
    });
    for (const state of ['disconnected', 'reconnecting', 'connecting'])
      receiver.client.on(state, () => {
        up = false;
      });
  }

  /** Posts and edits in a channel with the bot token: alerts, and answers another bot took. */
  const channelSink: AnswerSink = {
    async post(channel, message, thread) {
      const res = await app.client.chat.postMessage({
        channel,
        ...renderSlack(message),
        ...(thread ? { thread_ts: thread } : {}),
      });
      if (!res.ts) throw new BotError('platform', `Slack returned no ts for the message in ${channel}`);
      return res.ts;
    },
    async edit(channel, ts, message) {
      await app.client.chat.update({ channel, ts, ...renderSlack(message) });
    },
  };

  return {
    connected: () => up,
    answers: channelSink,
    alerts: channelSink,
    async start(port = 3000, host = '127.0.0.1') {
      if (opts.appToken) {
        await app.start();
        return null;
      }
      const server = (await app.start({ port, host })) as unknown as Server;
      up = true;
      server.on('close', () => {
        up = false;
      });
      const address = server.address();
      return typeof address === 'object' && address ? address.port : port;
    },
    async stop() {
      if (receiver instanceof SocketModeReceiver) await receiver.client.disconnect();
      await app.stop();
    },
  };
}
