import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  type Message as DiscordMessage,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import type { AlertSink } from '../../src/core/alert-delivery.js';
import type { Invocation } from '../../src/core/command.js';
import { type DispatchDeps, dispatch, dispatchAction } from '../../src/core/dispatch.js';
import { BotError } from '../../src/core/errors.js';
import type { Message } from '../../src/core/message.js';
import { type AnswerSink, formatReplyTo, parseReplyTo } from '../../src/core/pending.js';
import { createReplyChain } from '../../src/core/reply-chain.js';
import { clawCommand, optionArgs } from './register.js';
import { CUSTOM_ID_PREFIX, IN_PLACE, renderDiscord } from './render.js';
import { startFailure } from './start-failure.js';

export type DiscordAdapterOptions = {
  readonly token: string;
  readonly applicationId: string;
  /** Register `/claw` in this guild (instant) instead of globally. */
  readonly guildId?: string | undefined;
  /** REST base URL without `/v10` (`DISCORD_API_URL`). */
  readonly apiUrl?: string | undefined;
  readonly deps: DispatchDeps;
  /** Least time between two edits of one answer while probes report progress. */
  readonly progressIntervalMs?: number;
  /** How long an interaction token may be used; later answers go to the channel with the bot token. */
  readonly interactionTokenMs?: number;
  readonly onError?: (err: unknown) => void;
};

export type DiscordAdapter = {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Posts and edits cooldown alerts in channels, with the bot token. */
  readonly alerts: AlertSink;
  /** Posts and edits answers outside a live interaction (a request another bot took), with the bot token. */
  readonly answers: AnswerSink;
  /** The gateway connection is up and ready. */
  connected(): boolean;
};

const NO_MENTIONS = { parse: [] };

/** Discord's interaction token lasts 15 minutes; stop using it a little before. */
const TOKEN_MS = 14 * 60_000 + 30_000;
/** Interaction or webhook gone: Unknown Interaction, Unknown Webhook, Invalid Webhook Token. */
const TOKEN_GONE = new Set([10062, 10015, 50027]);

type Replyable = ChatInputCommandInteraction | ButtonInteraction;

/** The message's body, with its file (a large fleet's table) attached. */
const withFile = (m: Message) => ({
  ...renderDiscord(m),
  ...(m.file ? { files: [{ attachment: Buffer.from(m.file.text), name: m.file.name }] } : {}),
});

const rolesOf = (i: Replyable): string[] => {
  const roles = i.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
};

/** Interaction or webhook gone, or its token refused: the answer has to go another way. */
const tokenGone = (err: unknown): boolean =>
  err instanceof DiscordAPIError &&
  (err.status === 401 || (typeof err.code === 'number' && TOKEN_GONE.has(err.code)));

/**
 * How an interaction's reply was deferred: seen by everyone, by the requester only, or as an
 * update of the message whose button was clicked (that message is the reply).
 */
type Deferral = 'public' | 'ephemeral' | 'in-place';

/**
 * One answer to an interaction. Public messages: edits of the deferred reply while the token
 * lasts (progress at most once per interval, the latest wins), then a message in the channel
 * `replyTo` names, with the bot token. An answer for the requester only (a mistake, a refusal) is ephemeral: it
 * edits a deferred reply that is already ephemeral, else it takes the public reply of its own
 * out of the channel and follows up ephemerally.
 */
function createReplier(
  i: Replyable,
  deferred: Deferral | null,
  replyTo: string,
  opts: { intervalMs: number; tokenMs: number; onPosted?: ((messageId: string) => void) | undefined },
) {
  const deferredAt = Date.now();
  let publicReply = deferred === 'public' || deferred === 'in-place';
  let channelMessage: DiscordMessage | null = null;
  /** Runs a call with the interaction token; `false` when the token is gone. */
  const withToken = async (call: () => Promise<unknown>): Promise<boolean> => {
    if (Date.now() - deferredAt >= opts.tokenMs) return false;
    try {
      await call();
      return true;
    } catch (err) {
      if (tokenGone(err)) return false;
      throw err;
    }
  };
  let placed: string | null = null;
  const place = (id: string) => {
    if (id === placed) return;
    placed = id;
    opts.onPosted?.(id);
  };
  const toChannel = async (m: Message) => {
    const body = withFile(m);
    if (channelMessage) channelMessage = await channelMessage.edit(body);
    else {
      const id = parseReplyTo(replyTo).channel;
      const channel = i.channel?.id === id ? i.channel : await i.client.channels.fetch(id);
      if (!channel?.isSendable()) throw new BotError('platform', `cannot post in channel ${id}`);
      channelMessage = await channel.send(body);
      place(channelMessage.id);
    }
  };
  const toEveryone = async (m: Message) => {
    const edit = async () => place((await i.editReply(withFile(m))).id);
    if (publicReply && (await withToken(edit))) return;
    publicReply = false;
    await toChannel(m);
  };
  const toRequester = async (m: Message) => {
    const body = renderDiscord(m);
    if (deferred === 'ephemeral' && (await withToken(() => i.editReply(body)))) return;
    // In place, the reply is the message the button is on: it stays, the refusal goes to the clicker.
    if (
      deferred === 'in-place' &&
      (await withToken(() => i.followUp({ ...body, flags: MessageFlags.Ephemeral })))
    )
      return;
    if (deferred !== 'ephemeral' && deferred !== 'in-place') {
      await channelMessage?.delete().catch(() => {});
      channelMessage = null;
      if (publicReply) await i.deleteReply().catch(() => {});
      publicReply = false;
      if (await withToken(() => i.followUp({ ...body, flags: MessageFlags.Ephemeral }))) return;
    }
    // Never to the channel: what was meant for one person does not go to everyone.
    const lost = `the interaction token is gone; the answer for ${i.user.id} was not delivered`;
    throw new BotError('not_delivered', lost);
  };
  const chain = createReplyChain(
    (m) => (m.visibility === 'requester' ? toRequester(m) : toEveryone(m)),
    opts.intervalMs,
  );
  return {
    progress: chain.progress,
    async final(m: Message): Promise<void> {
      await chain.final(m);
      // A click's ephemeral "thinking…" has nothing to say once the answer is public.
      if (deferred === 'ephemeral' && m.visibility !== 'requester') await i.deleteReply().catch(() => {});
    },
  };
}

/**
 * `/claw` on Discord through discord.js: defers at once, edits the reply as probes finish, and
 * ends with the verdict embed and its buttons; a button's decision is one channel message, its
 * refusals are ephemeral. After the interaction token's 15 minutes (or when Discord says it is
 * gone or refuses it) public answers go to the channel.
 */
export function createDiscordAdapter(opts: DiscordAdapterOptions): DiscordAdapter {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Never retried: a 401/403 repeated is how a bot gets its IP banned; 429 waits retry_after.
    rest: {
      retries: 0,
      // Requests go through Node's own fetch: @discordjs/rest's undici 6 cannot send a file (a
      // multipart body) once undici 7, which Slack's Socket Mode loads, owns the global dispatcher.
      makeRequest: (url, init) => fetch(url, init as unknown as RequestInit),
      ...(opts.apiUrl ? { api: opts.apiUrl } : {}),
    },
    // Text from logs and users must never ping anyone: no message of the bot may mention.
    allowedMentions: NO_MENTIONS,
  });
  const timing = {
    intervalMs: opts.progressIntervalMs ?? 1_500,
    tokenMs: opts.interactionTokenMs ?? TOKEN_MS,
  };
  const base = (i: Replyable): Omit<Invocation, 'input' | 'requestId'> => ({
    platform: 'discord',
    user: { id: i.user.id, name: i.user.username, roles: rolesOf(i) },
    channel: { id: i.channelId ?? '' },
    replyTo: formatReplyTo({ platform: 'discord', channel: i.channelId ?? '' }),
  });

  /** A request's replier; it notes where the answer shows, for a bot that answers it after this one. */
  const replierFor = (i: Replyable, deferred: Deferral | null, requestId: string, replyTo: string) =>
    createReplier(i, deferred, replyTo, {
      ...timing,
      onPosted: (messageId) => void opts.deps.pending?.placed(requestId, messageId).catch(() => {}),
    });

  const onCommand = async (i: ChatInputCommandInteraction) => {
    const sub = i.options.getSubcommand(false) ?? 'help';
    const visibility: Deferral = sub === 'help' ? 'ephemeral' : 'public';
    const deferred = await i
      .deferReply(visibility === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {})
      .then(() => visibility)
      .catch(() => null);
    const args = optionArgs(i, opts.deps.registry.get(sub)?.options ?? []);
    const requestId = `discord-${i.id}`;
    const invocation = base(i);
    const reply = replierFor(i, deferred, requestId, invocation.replyTo);
    const result = await dispatch(
      { ...invocation, requestId, input: { command: sub, args } },
      opts.deps,
      (m) => reply.progress(m),
    );
    await reply.final(result);
    await opts.deps.pending?.done(requestId).catch(() => {});
  };

  const onButton = async (i: ButtonInteraction) => {
    const rest = i.customId.slice(CUSTOM_ID_PREFIX.length);
    const inPlace = rest.startsWith(IN_PLACE);
    // Refusals stay with the clicker; a decision goes to the channel as one message of its own.
    // In place, the deferred update makes the button's own message the one edited.
    const deferred = await (inPlace ? i.deferUpdate() : i.deferReply({ flags: MessageFlags.Ephemeral }))
      .then((): Deferral => (inPlace ? 'in-place' : 'ephemeral'))
      .catch(() => null);
    const requestId = `discord-${i.id}`;
    const invocation = base(i);
    const reply = replierFor(i, deferred, requestId, invocation.replyTo);
    const actionId = inPlace ? rest.slice(IN_PLACE.length) : rest;
    const result = await dispatchAction(
      { ...invocation, requestId, actionId, sourceMessage: i.message.id },
      opts.deps,
      (m) => reply.progress(m),
      async (m) => {
        await i.message.edit(renderDiscord(m));
      },
    );
    await reply.final(result);
    await opts.deps.pending?.done(requestId).catch(() => {});
  };

  client.on('interactionCreate', (i: Interaction) => {
    const work =
      i.isChatInputCommand() && i.commandName === 'claw'
        ? onCommand(i)
        : i.isButton() && i.customId.startsWith(CUSTOM_ID_PREFIX)
          ? onButton(i)
          : null;
    work?.catch((err: unknown) => opts.onError?.(err));
  });

  const channelSink = {
    async post(channel: string, message: Message) {
      const sent = (await client.rest.post(`/channels/${channel}/messages`, {
        body: { ...renderDiscord(message), allowed_mentions: NO_MENTIONS },
      })) as { id?: string };
      if (!sent.id) throw new BotError('platform', `Discord returned no message id in ${channel}`);
      return sent.id;
    },
    async edit(channel: string, id: string, message: Message) {
      await client.rest.patch(`/channels/${channel}/messages/${id}`, {
        body: { ...renderDiscord(message), allowed_mentions: NO_MENTIONS },
      });
    },
  };

  return {
    connected: () => client.isReady(),
    alerts: channelSink,
    answers: channelSink,
    async start() {
      try {
        const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
        await client.login(opts.token);
        await ready;
        const body = [clawCommand(opts.deps.registry.list())];
        // PUT replaces the whole set: registering again changes nothing.
        await client.rest.put(
          opts.guildId
            ? `/applications/${opts.applicationId}/guilds/${opts.guildId}/commands`
            : `/applications/${opts.applicationId}/commands`,
          { body },
        );
      } catch (err) {
        // Never half-started: without /claw registered the bot would answer nothing it could.
        await client.destroy();
        throw startFailure(err, opts) ?? err;
      }
    },
    async stop() {
      await client.destroy();
    },
  };
}
