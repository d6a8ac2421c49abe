import type { Config } from '../config.js';
import { UserError } from '../core/errors.js';
import { type Check, type HealthServer, startHealthServer } from './health-server.js';
import type { Metrics } from './metrics.js';

/** Default ports of `/healthz` and `/metrics`, so a bot and a worker on one host do not collide. */
export const HEALTH_PORTS = { bot: 9090, worker: 9091 } as const;

/** Starts `/healthz` and `/metrics` for `role` unless CLAWOPS_HEALTH_PORT=off. */
export function serveHealth(
  config: Config,
  role: keyof typeof HEALTH_PORTS,
  checks: Readonly<Record<string, Check>>,
  metrics: Metrics,
): Promise<HealthServer | null> {
  if (config.health.port === null) return Promise.resolve(null);
  const port = config.health.port ?? HEALTH_PORTS[role];
  return startHealthServer({ port, host: config.health.host, checks, registry: metrics.registry }).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EADDRINUSE' && err.code !== 'EACCES' && err.code !== 'EADDRNOTAVAIL') throw err;
      throw new UserError(
        'config',
        `cannot serve /healthz and /metrics on ${config.health.host}:${port} (${err.code}): set CLAWOPS_HEALTH_PORT to a free port, or off`,
      );
    },
  );
}
