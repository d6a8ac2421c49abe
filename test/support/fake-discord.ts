import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { readText, stopFakeServer, waitForCall } from './fake-server.js';

export type DiscordCall = {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
};

export const APP_ID = '100000000000000001';
export const GUILD_ID = '200000000000000002';
export const CHANNEL_ID = '300000000000000003';
export const BOT_ID = '400000000000000004';
export const TOKEN = 'fake-discord-bot-token';
/** Roles the fake guild has (besides @everyone). */
export const ROLE_IDS = ['930000000000000003', '900000000000000009', '111000000000000011'];

type Pending = { id: string; token: string; createdAt: number; acked: boolean };

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readText(req);
  if (!raw) return {};
  if (req.headers['content-type']?.includes('multipart/form-data')) {
    const json = /name="payload_json"\r\n(?:[^\r\n]*\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw)?.[1];
    // Files sent along, as `uploaded`: each one's name and text.
    const uploaded = [...raw.matchAll(/filename="([^"]+)"\r\n(?:[^\r\n]*\r\n)*\r\n([\s\S]*?)\r\n--/g)].map(
      ([, name, text]) => ({ name, text }),
    );
    return { ...(json ? (JSON.parse(json) as Record<string, unknown>) : {}), uploaded };
  }
  return JSON.parse(raw) as Record<string, unknown>;
}

/** The bot's own user, as Discord shows it in READY and as a message author. */
const BOT_USER = {
  id: BOT_ID,
  username: 'clawops',
  discriminator: '0000',
  bot: true,
  avatar: null,
  global_name: null,
};

/**
 * A small Discord on 127.0.0.1 for the real discord.js: REST under `/api/v10` (gateway lookup,
 * command registration, interaction callbacks with Discord's 3 s deadline and answer-once rule,
 * webhook posts, edits and deletes with the token's lifetime, channel messages) and a gateway WebSocket (hello,
 * heartbeat ack, identify → ready + guild create, resume, dispatch of interactions).
 */
export async function startFakeDiscord(
  opts: {
    ackDeadlineMs?: number;
    tokenLifetimeMs?: number;
    /** How `PUT …/commands` answers: as Discord does for a bot not in the guild, or a guild that is not there. */
    registration?: 'ok' | 'missing-access' | 'unknown-guild';
    /** Every interaction webhook call gets 401 Unauthorized. */
    webhookUnauthorized?: boolean;
  } = {},
) {
  const calls: DiscordCall[] = [];
  const interactions = new Map<string, Pending>();
  const sockets = new Set<WebSocket>();
  let seq = 0;
  let ids = 500000000000000000n;
  const nextId = () => String(++ids);
  const wss = new WebSocketServer({ noServer: true });
  const settings = {
    ackDeadlineMs: opts.ackDeadlineMs ?? 3_000,
    tokenLifetimeMs: opts.tokenLifetimeMs ?? 15 * 60_000,
    registration: opts.registration ?? 'ok',
    webhookUnauthorized: opts.webhookUnauthorized ?? false,
  };

  const message = (body: Record<string, unknown>, channel = CHANNEL_ID) => ({
    id: nextId(),
    channel_id: channel,
    type: 0,
    content: body.content ?? '',
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    author: BOT_USER,
    attachments: [],
    mentions: [],
    mention_roles: [],
    pinned: false,
    mention_everyone: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: 0,
  });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const body = req.method === 'GET' ? {} : await readBody(req);
    calls.push({ method: req.method ?? 'GET', path, body, at: Date.now() });
    const json = (status: number, value?: unknown) => {
      res.writeHead(status, value === undefined ? {} : { 'content-type': 'application/json' });
      res.end(value === undefined ? '' : JSON.stringify(value));
    };
    const botAuth = req.headers.authorization === `Bot ${TOKEN}`;
    const route = (re: RegExp, method?: string) => {
      const found = re.exec(path);
      return found && (!method || req.method === method) ? found : null;
    };
    if (path === '/gateway/bot') {
      if (!botAuth) return json(401, { code: 0, message: '401: Unauthorized' });
      return json(200, {
        url: `ws://127.0.0.1:${port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    const commands = route(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/, 'PUT');
    if (commands) {
      if (!botAuth) return json(401, { code: 0, message: '401: Unauthorized' });
      if (settings.registration === 'missing-access')
        return json(403, { code: 50001, message: 'Missing Access' });
      if (settings.registration === 'unknown-guild')
        return json(404, { code: 10004, message: 'Unknown Guild' });
      const list = body as unknown as Record<string, unknown>[];
      return json(
        200,
        list.map((c) => ({
          ...c,
          id: nextId(),
          application_id: commands[1],
          version: '1',
          ...(commands[2] ? { guild_id: commands[2] } : {}),
        })),
      );
    }
    const callback = route(/^\/interactions\/(\d+)\/([^/]+)\/callback$/);
    if (callback) {
      const it = interactions.get(callback[1] as string);
      if (!it || it.token !== callback[2]) return json(404, { code: 10062, message: 'Unknown interaction' });
      if (Date.now() - it.createdAt > settings.ackDeadlineMs)
        return json(404, { code: 10062, message: 'Unknown interaction' });
      if (it.acked) return json(400, { code: 40060, message: 'Interaction has already been acknowledged.' });
      it.acked = true;
      return json(204);
    }
    const webhook = route(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/);
    if (webhook) {
      const it = [...interactions.values()].find((x) => x.token === webhook[2]);
      if (!it?.acked) return json(404, { code: 10015, message: 'Unknown Webhook' });
      if (settings.webhookUnauthorized) return json(401, { code: 0, message: '401: Unauthorized' });
      if (Date.now() - it.createdAt > settings.tokenLifetimeMs)
        return json(401, { code: 50027, message: 'Invalid Webhook Token' });
      if (req.method === 'DELETE') return json(204);
      return json(200, message(body));
    }
    const channelMessage = route(/^\/channels\/(\d+)\/messages(?:\/(\d+))?$/);
    if (channelMessage) {
      if (!botAuth) return json(401, { code: 0, message: '401: Unauthorized' });
      if (req.method === 'DELETE') return json(204);
      return json(200, {
        ...message(body, channelMessage[1]),
        ...(channelMessage[2] ? { id: channelMessage[2] } : {}),
      });
    }
    const channel = route(/^\/channels\/(\d+)$/);
    if (channel) {
      return json(200, {
        id: channel[1],
        type: 0,
        guild_id: GUILD_ID,
        name: 'ops',
        position: 0,
        permission_overwrites: [],
        nsfw: false,
        parent_id: null,
      });
    }
    return json(404, { code: 0, message: `fake Discord has no ${req.method} ${path}` });
  });

  const send = (ws: WebSocket, payload: Record<string, unknown>) => ws.send(JSON.stringify(payload));
  const dispatchEvent = (ws: WebSocket, t: string, d: unknown) => send(ws, { op: 0, t, s: ++seq, d });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/gateway')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      send(ws, { op: 10, d: { heartbeat_interval: 1_000 } });
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as { op: number; d: Record<string, unknown> };
        if (msg.op === 1) send(ws, { op: 11 });
        if (msg.op === 6) dispatchEvent(ws, 'RESUMED', {});
        if (msg.op === 2) {
          if (msg.d.token !== TOKEN) return ws.close(4004, 'Authentication failed.');
          dispatchEvent(ws, 'READY', {
            v: 10,
            user: BOT_USER,
            guilds: [{ id: GUILD_ID, unavailable: true }],
            session_id: 'fake-session',
            resume_gateway_url: `ws://127.0.0.1:${port}/gateway`,
            shard: [0, 1],
            application: { id: APP_ID, flags: 0 },
          });
          dispatchEvent(ws, 'GUILD_CREATE', {
            id: GUILD_ID,
            name: 'ops',
            unavailable: false,
            owner_id: '1',
            member_count: 1,
            joined_at: new Date().toISOString(),
            channels: [
              {
                id: CHANNEL_ID,
                type: 0,
                name: 'ops',
                position: 0,
                permission_overwrites: [],
                guild_id: GUILD_ID,
              },
            ],
            // Discord lists every role of the guild here; discord.js knows a member's roles through them.
            roles: [GUILD_ID, ...ROLE_IDS].map((id, position) => ({
              id,
              name: id === GUILD_ID ? '@everyone' : `role-${id}`,
              color: 0,
              hoist: false,
              position,
              permissions: '0',
              managed: false,
              mentionable: false,
              flags: 0,
            })),
            members: [],
            emojis: [],
            stickers: [],
            threads: [],
            features: [],
            presences: [],
            voice_states: [],
            stage_instances: [],
            guild_scheduled_events: [],
          });
        }
        return undefined;
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  /** Delivers INTERACTION_CREATE over the gateway, as Discord does. */
  const interact = async (
    data: Record<string, unknown>,
    type: 2 | 3,
    user = { id: '600000000000000006', roles: [] as string[] },
    extra: Record<string, unknown> = {},
  ) => {
    for (let i = 0; i < 200 && sockets.size === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const id = nextId();
    const token = `itoken-${id}`;
    interactions.set(id, { id, token, createdAt: Date.now(), acked: false });
    const payload = {
      id,
      token,
      type,
      version: 1,
      application_id: APP_ID,
      guild_id: GUILD_ID,
      channel_id: CHANNEL_ID,
      channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'ops' },
      member: {
        user: { id: user.id, username: 'alice', discriminator: '0', avatar: null, global_name: 'Alice' },
        roles: user.roles,
        permissions: '2147483647',
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      },
      locale: 'en-US',
      guild_locale: 'en-US',
      app_permissions: '2147483647',
      entitlements: [],
      authorizing_integration_owners: { '0': GUILD_ID },
      context: 0,
      data,
      ...extra,
    };
    for (const ws of sockets) dispatchEvent(ws, 'INTERACTION_CREATE', payload);
    return { id, token };
  };

  return {
    restApi: `http://127.0.0.1:${port}/api`,
    calls,
    settings,
    /** `/claw <sub> [options]` as a slash command interaction. */
    slash(sub: string, options: Record<string, string> = {}, user?: { id: string; roles: string[] }) {
      return interact(
        {
          id: '700000000000000007',
          name: 'claw',
          type: 1,
          options: [
            {
              type: 1,
              name: sub,
              options: Object.entries(options).map(([name, value]) => ({ type: 3, name, value })),
            },
          ],
        },
        2,
        user,
      );
    },
    /** A click on a button of a message the bot posted. */
    click(customId: string, user?: { id: string; roles: string[] }) {
      return interact({ custom_id: customId, component_type: 2 }, 3, user, {
        message: { ...message({ content: '' }), id: nextId() },
      });
    },
    waitFor(test: (c: DiscordCall) => boolean, ms = 10_000): Promise<DiscordCall> {
      return waitForCall(calls, test, ms, { platform: 'Discord', name: (c) => `${c.method} ${c.path}` });
    },
    stop: () => stopFakeServer(server, wss, sockets),
  };
}
export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;
