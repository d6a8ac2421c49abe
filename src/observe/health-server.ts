import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** One health check: whether it passes, and a word on why not. */
export type Check = () => Promise<{ ok: boolean; detail?: string }>;

/** A check that does not answer within this long has failed. */
const CHECK_TIMEOUT_MS = 2_000;

async function run(check: Check): Promise<{ ok: boolean; detail?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ ok: boolean; detail: string }>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, detail: `no answer within ${CHECK_TIMEOUT_MS} ms` }),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([check().catch((err: unknown) => ({ ok: false, detail: String(err) })), late]);
  } finally {
    clearTimeout(timer);
  }
}

export type HealthServer = { readonly port: number; close(): Promise<void> };

/**
 * `GET /healthz`: every check, 200 when all pass, 503 otherwise, with a JSON body naming each;
 * `GET /metrics`: the registry in Prometheus text format. Nothing else, nothing secret.
 */
export async function startHealthServer(opts: {
  readonly port: number;
  readonly host: string;
  readonly checks: Readonly<Record<string, Check>>;
  readonly registry: Registry;
}): Promise<HealthServer> {
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      const names = Object.keys(opts.checks);
      const results = await Promise.all(names.map((n) => run(opts.checks[n] as Check)));
      const checks = Object.fromEntries(names.map((n, i) => [n, results[i]]));
      const ok = results.every((r) => r.ok);
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'unhealthy', checks }));
      return;
    }
    if (path === '/metrics') {
      const body = await opts.registry.metrics();
      res.writeHead(200, { 'content-type': opts.registry.contentType });
      res.end(body);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('clawops serves /healthz and /metrics\n');
  });
  server.listen(opts.port, opts.host);
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
