import type { Config } from '../config.js';
import type { AuditLog } from '../core/audit.js';
import { BotError, UserError } from '../core/errors.js';
import type { DiagnosisRunner } from '../core/transport.js';
import type { Logger } from '../logger.js';
import { type Check, type HealthServer, startHealthServer } from '../observe/health-server.js';
import type { Metrics } from '../observe/metrics.js';
import type { BotParts } from './transport.js';

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

/** The worker's runner, timed and counted: duration, verdict label, probes by outcome. */
export function measuredRunner(run: DiagnosisRunner, metrics: Metrics): DiagnosisRunner {
  return async (job, ctx) => {
    const started = performance.now();
    const d = await run(job, ctx);
    metrics.diagnosis(d, (performance.now() - started) / 1000);
    return d;
  };
}

/**
 * The bot's parts, observed: each diagnosis is timed, counted and logged with its request and
 * run ids (the worker logs the same pair), each audit entry counted.
 */
export function observedParts(parts: BotParts, metrics: Metrics, log: Logger): BotParts {
  const audit: AuditLog = {
    async append(entry) {
      metrics.approval(entry.event);
      await parts.audit.append(entry);
    },
    recent: (host, count) => parts.audit.recent(host, count),
  };
  return {
    ...parts,
    audit,
    async requestDiagnosis(request, opts) {
      const started = performance.now();
      const result = await parts.requestDiagnosis(request, opts).catch((err: unknown) => {
        metrics.diagnosisFailed(err instanceof BotError ? err.code : 'internal');
        throw err;
      });
      const seconds = (performance.now() - started) / 1000;
      metrics.diagnosis(result.diagnosis, seconds);
      log.info(
        {
          event: 'diagnosis',
          requestId: request.requestId,
          runId: result.runId,
          share: result.share,
          host: request.host,
          label: result.diagnosis.verdict.label,
          ms: Math.round(seconds * 1000),
        },
        'diagnosis answered',
      );
      return result;
    },
  };
}
