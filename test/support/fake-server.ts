import { once } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';

/** A request's body as text. */
export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Resolves with the first recorded call that satisfies `test`, polling for `ms` at most. */
export async function waitForCall<T>(
  calls: readonly T[],
  test: (c: T) => boolean,
  ms: number,
  what: { platform: string; name: (c: T) => string },
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = calls.find(test);
    if (found) return found;
    if (Date.now() > until)
      throw new Error(`no matching ${what.platform} call; saw ${calls.map(what.name).join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Stops a fake platform: its WebSocket clients, its WebSocket server and its HTTP server. */
export async function stopFakeServer(
  server: Server,
  wss: WebSocketServer,
  sockets: Iterable<WebSocket>,
): Promise<void> {
  for (const ws of sockets) ws.terminate();
  wss.close();
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
}
