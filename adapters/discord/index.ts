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
import type { Message } from '../../src/core/message.js';
import { createReplyChain } from '../../src/core/reply-chain.js';
import { clawCommand } from './register.js';
import { CUSTOM_ID_PREFIX, IN_PLACE, renderDiscord } from './render.js';

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
  /** The gateway connection is up and ready. */
  connected(): boolean;
};

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

/**
 * One answer to an interaction: edits of the deferred reply while the token lasts (progress at
 * most once per interval, the latest wins), then messages in the channel with the bot token.
 */
function createReplier(i: Replyable, deferred: boolean, opts: { intervalMs: number; tokenMs: number }) {
  const deferredAt = Date.now();
  let viaToken = deferred;
  let channelMessage: DiscordMessage | null = null;
  const toChannel = async (m: Message) => {
    const body = withFile(m);
    if (channelMessage) channelMessage = await channelMessage.edit(body);
    else {
      const channel = i.channel ?? (await i.client.channels.fetch(i.channelId ?? ''));
      if (!channel?.isSendable()) throw new Error(`cannot post in channel ${i.channelId}`);
      channelMessage = await channel.send(body);
    }
  };
  const send = async (m: Message) => {
    if (viaToken && Date.now() - deferredAt < opts.tokenMs) {
      try {
        await i.editReply(withFile(m));
        return;
      } catch (err) {
        if (!(err instanceof DiscordAPIError && typeof err.code === 'number' && TOKEN_GONE.has(err.code)))
          throw err;
      }
    }
    viaToken = false;
    await toChannel(m);
  };
  const chain = createReplyChain(send, opts.intervalMs);
  return { progress: chain.progress, final: chain.final };
}

/**
 * `/claw` on Discord through discord.js: defers at once, edits the reply as probes finish, and
 * ends with the verdict embed and its buttons; a button answers in a reply of its own. After the
 * interaction token's 15 minutes (or when Discord says it is gone) answers go to the channel.
 */
export function createDiscordAdapter(opts: DiscordAdapterOptions): DiscordAdapter {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Never retried: a 401/403 repeated is how a bot gets its IP banned; 429 waits retry_after.
    // Requests go through Node's own fetch: @discordjs/rest's undici 6 cannot send a file (a
    // multipart body) once undici 7, which Slack's Socket Mode loads, owns the global dispatcher.
    rest: {
      retries: 0,
      makeRequest: (url, init) => fetch(url, init as unknown as RequestInit),
      ...(opts.apiUrl ? { api: opts.apiUrl } : {}),
    },
  });
  const timing = {
    intervalMs: opts.progressIntervalMs ?? 1_500,
    tokenMs: opts.interactionTokenMs ?? TOKEN_MS,
  };
  const base = (i: Replyable): Omit<Invocation, 'text' | 'requestId'> => ({
    platform: 'discord',
    user: { id: i.user.id, name: i.user.username, roles: rolesOf(i) },
    channel: { id: i.channelId ?? '' },
    replyTo: `discord:${i.channelId}`,
  });

  const onCommand = async (i: ChatInputCommandInteraction) => {
    const sub = i.options.getSubcommand(false) ?? 'help';
    const deferred = await i
      .deferReply(sub === 'help' ? { flags: MessageFlags.Ephemeral } : {})
      .then(() => true)
      .catch(() => false);
    const names = opts.deps.registry.get(sub)?.options.map((o) => o.name) ?? [];
    const words = names.map((n) => i.options.getString(n)).filter((v): v is string => Boolean(v));
    const reply = createReplier(i, deferred, timing);
    const result = await dispatch(
      { ...base(i), requestId: `discord-${i.id}`, text: [sub, ...words].join(' ') },
      opts.deps,
      (m) => reply.progress(m),
    );
    await reply.final(result);
  };

  const onButton = async (i: ButtonInteraction) => {
    const rest = i.customId.slice(CUSTOM_ID_PREFIX.length);
    const inPlace = rest.startsWith(IN_PLACE);
    // In place, the deferred update makes the button's own message the one edited.
    const deferred = await (inPlace ? i.deferUpdate() : i.deferReply()).then(() => true).catch(() => false);
    const reply = createReplier(i, deferred, timing);
    const actionId = inPlace ? rest.slice(IN_PLACE.length) : rest;
    let posted = false;
    const result = await dispatchAction(
      { ...base(i), requestId: `discord-${i.id}`, actionId },
      opts.deps,
      (m) => {
        posted = true;
        reply.progress(m);
      },
    );
    // A refusal never replaces the message the button is on: only the clicker sees it.
    if (inPlace && deferred && !posted && result.visibility === 'requester') {
      await i.followUp({ ...renderDiscord(result), flags: MessageFlags.Ephemeral });
      return;
    }
    await reply.final(result);
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

  return {
    connected: () => client.isReady(),
    alerts: {
      async post(channel, message) {
        const sent = (await client.rest.post(`/channels/${channel}/messages`, {
          body: renderDiscord(message),
        })) as { id?: string };
        if (!sent.id) throw new Error(`Discord returned no message id for the alert in ${channel}`);
        return sent.id;
      },
      async edit(channel, id, message) {
        await client.rest.patch(`/channels/${channel}/messages/${id}`, { body: renderDiscord(message) });
      },
    },
    async start() {
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
    },
    async stop() {
      await client.destroy();
    },
  };
}
