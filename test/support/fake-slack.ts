import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { readText, stopFakeServer, waitForCall } from './fake-server.js';

export type SlackCall = {
  readonly method: string;
  readonly args: Record<string, unknown>;
  readonly auth: string | undefined;
  readonly at: number;
  /** The `ts` a `chat.postMessage` was answered with. */
  ts?: string;
};

/** Form fields as Slack's Web API receives them; JSON-valued fields (blocks) decoded. */
function parseArgs(body: string, type: string | undefined): Record<string, unknown> {
  if (type?.includes('application/json')) return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    args[k] = (k === 'blocks' || k === 'attachments') && v.startsWith('[') ? JSON.parse(v) : v;
  }
  return args;
}

/**
 * A small Slack on 127.0.0.1: the Web API under `/api/<method>` (recorded, canned `ok` answers,
 * 429 with `Retry-After` on demand), a sink for `response_url` posts, and a Socket Mode
 * WebSocket at `/link` (hello, envelopes pushed by the test, acks collected).
 */
export async function startFakeSlack() {
  const calls: SlackCall[] = [];
  const responses: { path: string; body: Record<string, unknown> }[] = [];
  const limited = new Map<string, number>();
  const groups = new Map<string, string[]>();
  let seq = 0;
  const sockets = new Set<WebSocket>();
  const acks = new Map<string, (payload: unknown) => void>();
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer(async (req, res) => {
    const body = await readText(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    if (url.pathname.startsWith('/response/')) {
      const posted = JSON.parse(body || '{}') as Record<string, unknown>;
      responses.push({ path: url.pathname, body: posted });
      // In order with the Web API calls too, as `response_url`.
      calls.push({ method: 'response_url', args: posted, auth: undefined, at: Date.now() });
      return json(200, { ok: true });
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const args = parseArgs(body, req.headers['content-type']);
    const call: SlackCall = { method, args, auth: req.headers.authorization, at: Date.now() };
    calls.push(call);
    const retryAfter = limited.get(method);
    if (retryAfter !== undefined) {
      limited.delete(method);
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    }
    switch (method) {
      case 'auth.test':
        return json(200, { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0TEAM', user: 'clawops' });
      case 'apps.connections.open':
        return json(200, { ok: true, url: `ws://127.0.0.1:${port}/link` });
      case 'chat.postMessage':
        call.ts = `1700000000.${String(++seq).padStart(6, '0')}`;
        return json(200, { ok: true, channel: args.channel, ts: call.ts });
      case 'usergroups.users.list':
        return json(200, { ok: true, users: groups.get(String(args.usergroup)) ?? [] });
      case 'files.getUploadURLExternal':
        return json(200, {
          ok: true,
          upload_url: `http://127.0.0.1:${port}/upload/F${++seq}`,
          file_id: `F${seq}`,
        });
      case 'chat.update':
        return json(200, { ok: true, channel: args.channel, ts: args.ts });
      default:
        return json(200, { ok: true });
    }
  });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/link')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as { envelope_id?: string; payload?: unknown };
        if (msg.envelope_id) acks.get(msg.envelope_id)?.(msg.payload ?? null);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    responseUrl: (id: string) => `http://127.0.0.1:${port}/response/${id}`,
    calls,
    responses,
    /** Slack user groups (`usergroups.users.list`): group id → member ids. */
    groups,
    /** The next call of `method` gets 429 with `Retry-After: seconds`. */
    rateLimitOnce(method: string, seconds: number) {
      limited.set(method, seconds);
    },
    /** Pushes a Socket Mode envelope and resolves with the app's ack payload. */
    async push(type: 'slash_commands' | 'interactive', payload: unknown): Promise<unknown> {
      for (let i = 0; i < 100 && sockets.size === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const envelope_id = `env-${++seq}`;
      const acked = new Promise((resolve) => acks.set(envelope_id, resolve));
      for (const ws of sockets)
        ws.send(
          JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type === 'slash_commands' }),
        );
      return acked;
    },
    /** Resolves once a recorded call satisfies `test` (within `ms`). */
    waitFor(test: (c: SlackCall) => boolean, ms = 10_000): Promise<SlackCall> {
      return waitForCall(calls, test, ms, { platform: 'Slack', name: (c) => c.method });
    },
    stop: () => stopFakeServer(server, wss, sockets),
  };
}
export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

export const SIGNING_SECRET = 'test-signing-secret-0000';

/** A slash command's form body, as Slack posts it. */
export function slashBody(
  fake: FakeSlack,
  text: string,
  over: Record<string, string> = {},
): Record<string, string> {
  const trigger = `${Date.now()}.${Math.floor(Math.random() * 1e9)}`;
  return {
    token: 'legacy',
    team_id: 'T0TEAM',
    channel_id: 'C0OPS',
    channel_name: 'ops',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/claw',
    text,
    api_app_id: 'A0APP',
    response_url: fake.responseUrl(trigger),
    trigger_id: trigger,
    ...over,
  };
}

/** A `block_actions` payload for a click on a clawops button. */
export function clickPayload(
  fake: FakeSlack,
  value: string,
  messageTs: string,
  user = 'U0BOB',
  actionId = 'claw-btn-0',
) {
  const name = user.replace(/^U0/, '').toLowerCase();
  return {
    type: 'block_actions',
    team: { id: 'T0TEAM', domain: 'ops' },
    user: { id: user, username: name, name, team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'legacy',
    container: { type: 'message', message_ts: messageTs, channel_id: 'C0OPS', is_ephemeral: false },
    trigger_id: `${Date.now()}.${Math.floor(Math.random() * 1e9)}.click`,
    channel: { id: 'C0OPS', name: 'ops' },
    message: { type: 'message', ts: messageTs, text: 'verdict', blocks: [] },
    response_url: fake.responseUrl('click'),
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'claw-actions-5',
        value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** POSTs a form body to the app, signed as Slack signs it (or with the given timestamp/secret). */
export async function postSigned(
  url: string,
  form: string,
  opts: { secret?: string; timestamp?: number } = {},
): Promise<{ status: number; ms: number; body: string }> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', opts.secret ?? SIGNING_SECRET)
    .update(`v0:${ts}:${form}`)
    .digest('hex')}`;
  const t0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sig,
    },
    body: form,
  });
  const body = await res.text();
  return { status: res.status, ms: performance.now() - t0, body };
}
