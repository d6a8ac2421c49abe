import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { App, type AppOptions, HTTPReceiver, type LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AlertSink } from '../../src/core/alert-delivery.js';
import { type DispatchDeps, dispatch, dispatchAction } from '../../src/core/dispatch.js';
import type { Message } from '../../src/core/message.js';
import { createReplyChain } from '../../src/core/reply-chain.js';
import { ACTION_PREFIX, IN_PLACE, renderSlack } from './render.js';

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
  /** Socket Mode ping timeout (tests shorten it). */
  readonly clientPingTimeout?: number;
  readonly logLevel?: LogLevel;
};

export type SlackAdapter = {
  /** HTTP mode: listens on `port` (0: any) and returns it; Socket Mode: connects. */
  start(port?: number, host?: string): Promise<number | null>;
  stop(): Promise<void>;
  /** Posts and edits cooldown alerts in channels, with the bot token. */
  readonly alerts: AlertSink;
  /** HTTP mode: listening; Socket Mode: the WebSocket to Slack is up. */
  connected(): boolean;
};

/** Slack ids as they travel in a request id: letters, digits, `.`, `-`, `_`. */
const idPart = (s: string): string => s.replace(/[^\w.-]/g, '_').slice(0, 100);

/**
 * A chain of Slack calls for one conversation: the "diagnosing…" post, progress edits (at most
 * one per interval; the latest wins) and the verdict, in order, never two at once.
 */
function createReplier(
  client: WebClient,
  channel: string,
  intervalMs: number,
  where: { threadTs?: string | undefined; editTs?: string | undefined } = {},
) {
  const { threadTs } = where;
  // A button that answers in place edits its own message from the start.
  let ts: string | null = where.editTs ?? null;
  const chain = createReplyChain(async (m) => {
    const body = renderSlack(m);
    if (ts) await client.chat.update({ channel, ts, ...body });
    else
      ts =
        (await client.chat.postMessage({ channel, ...body, ...(threadTs ? { thread_ts: threadTs } : {}) }))
          .ts ?? null;
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
 * button clicks answer in the message's thread. Web API calls honour 429 `Retry-After` with a
 * short retry budget, so a post never lands half an hour late.
 */
export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  const clientOptions = {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl.endsWith('/') ? opts.apiUrl : `${opts.apiUrl}/` } : {}),
    rejectRateLimitedCalls: false,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5_000, maxRetryTime: 60_000 },
  };
  const receiver = opts.appToken
    ? new SocketModeReceiver({
        appToken: opts.appToken,
        installerOptions: { clientOptions },
        ...(opts.clientPingTimeout ? { clientPingTimeout: opts.clientPingTimeout } : {}),
      })
    : new HTTPReceiver({ signingSecret: opts.signingSecret ?? '', unhandledRequestTimeoutMillis: 3_001 });
  const app = new App({
    token: opts.botToken,
    receiver,
    clientOptions,
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
      text: command.text ?? '',
      user: { id: command.user_id, name: command.user_name, roles: await groupsOf(client, command.user_id) },
      channel: { id: command.channel_id },
      replyTo: `slack:${command.channel_id}`,
    };
    const reply = createReplier(client, command.channel_id, interval);
    let posted = false;
    const result = await dispatch(invocation, opts.deps, (m) => {
      posted = true;
      reply.progress(m);
    });
    if (!posted && result.visibility === 'requester') {
      await respond({ response_type: 'ephemeral', ...renderSlack(result) });
      return;
    }
    await reply.final(result).catch(async (err: unknown) => {
      // Not in the channel, or the post failed: the requester still gets the answer.
      await respond({ response_type: 'ephemeral', ...renderSlack(result) });
      throw err;
    });
  });

  app.action(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action, client, respond }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const channel = body.channel?.id ?? body.container?.channel_id;
    const threadTs = body.message?.thread_ts ?? body.message?.ts;
    if (!channel) return;
    const inPlace = 'action_id' in action && action.action_id.startsWith(`${ACTION_PREFIX}${IN_PLACE}`);
    const editTs = inPlace ? body.message?.ts : undefined;
    let posted = false;
    const reply = createReplier(client, channel, interval, { threadTs, editTs });
    const result = await dispatchAction(
      {
        platform: 'slack',
        requestId: `slack-${idPart(body.trigger_id ?? randomUUID())}`,
        actionId: action.value ?? '',
        user: {
          id: body.user.id,
          name: body.user.name ?? body.user.id,
          roles: await groupsOf(client, body.user.id),
        },
        channel: { id: channel },
        replyTo: `slack:${channel}${threadTs ? `:${threadTs}` : ''}`,
      },
      opts.deps,
      (m) => {
        posted = true;
        reply.progress(m);
      },
    );
    // A refusal never replaces the message the button is on: only the clicker sees it.
    if (editTs && !posted && result.visibility === 'requester') {
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderSlack(result) });
      return;
    }
    await reply.final(result);
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

  return {
    connected: () => up,
    alerts: {
      async post(channel, message) {
        const res = await app.client.chat.postMessage({ channel, ...renderSlack(message) });
        if (!res.ts) throw new Error(`Slack returned no ts for the alert in ${channel}`);
        return res.ts;
      },
      async edit(channel, ts, message) {
        await app.client.chat.update({ channel, ts, ...renderSlack(message) });
      },
    },
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
