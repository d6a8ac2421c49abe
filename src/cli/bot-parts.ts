import type { Config } from '../config.js';
import { createMemoryActionStore } from '../core/action-store.js';
import { createMemoryAlertRefs } from '../core/alert-delivery.js';
import { createMemoryApprovalStore } from '../core/approval.js';
import { type AuditLog, createMemoryAuditLog } from '../core/audit.js';
import type { BotParts } from '../core/bot-parts.js';
import { createMemoryVerdictStore, rememberingVerdicts } from '../core/fleet.js';
import { createMemoryRestartBudget } from '../core/restart-budget.js';
import { createLogger, type Logger } from '../logger.js';
import { observedParts } from '../observe/measured.js';
import type { Metrics } from '../observe/metrics.js';
import { createRedisAlertRefs } from '../queue/alert-refs.js';
import { readWatchReport } from '../queue/alerts.js';
import { createBullTransport } from '../queue/bull-transport.js';
import { keysFor } from '../queue/keys.js';
import { closeRedis, createRedis } from '../queue/redis.js';
import { createRedisActionStore } from '../queue/redis-action-store.js';
import { createRedisApprovalStore, createRedisAuditLog } from '../queue/redis-approvals.js';
import { createRedisPendingStore } from '../queue/redis-pending.js';
import { readSilentEpisodes } from '../queue/silence-watch.js';
import { createRedisVerdictStore } from '../queue/verdicts.js';
import { createMemoryTransport } from '../worker/memory-transport.js';
import type { createHostParts, HostParts } from './host-parts.js';
import { clawopsVersion } from './version.js';

/** Everything a bot's parts are made of; each one may be given instead (tests, other roots). */
export type BotOverrides = {
  /** Also runs this host's worker in this process when jobs go through Redis (`clawops dev`). */
  readonly worker?: boolean;
  /** Stops this process's worker and its reads of the gateway. */
  readonly signal?: AbortSignal;
  /** The process's logger; made once when absent (by the host's parts when this process runs a host). */
  readonly log?: Logger;
  /** Times, counts and logs each diagnosis the bot asks for, and each audit entry. */
  readonly metrics?: Metrics;
  /** This process's host, already built; otherwise built here when the process runs one. */
  readonly host?: HostParts;
  readonly createLogger?: typeof createLogger;
  readonly createHostParts?: typeof createHostParts;
  readonly createBullTransport?: typeof createBullTransport;
  readonly createRedis?: typeof createRedis;
};

/** A bot's process: its parts and its one logger. */
export type BotProcess = { readonly parts: BotParts; readonly log: Logger };

/** Every audit entry also goes to the structured log. */
function logged(audit: AuditLog, log: Logger): AuditLog {
  return {
    async append(entry) {
      log.info({ audit: entry }, `audit ${entry.event}`);
      await audit.append(entry);
    },
    recent: (host, count) => audit.recent(host, count),
  };
}

/**
 * The host's parts are loaded only by a process that runs a host: a bot on Redis never imports
 * the probes, the fix commands or execa.
 */
async function hostPartsMaker(): Promise<typeof createHostParts> {
  return (await import('./host-parts.js')).createHostParts;
}

/**
 * Builds a bot's parts once. The path to the workers is chosen by REDIS_URL: BullMQ on Redis
 * when it is set, else a worker in this process. With `worker: true` and Redis, this process
 * also runs the worker of its own host, so `clawops dev` works alone either way.
 */
export async function createBotParts(config: Config, over: BotOverrides = {}): Promise<BotProcess> {
  const host: HostParts | null =
    !config.redisUrl || over.worker
      ? (over.host ??
        (over.createHostParts ?? (await hostPartsMaker()))(config, {
          ...(over.log ? { log: over.log } : {}),
          ...(over.signal ? { signal: over.signal } : {}),
          ...(over.createLogger ? { createLogger: over.createLogger } : {}),
        }))
      : null;
  const log =
    host?.log ?? over.log ?? (over.createLogger ?? createLogger)(config.logLevel, config.ownSecrets);
  const parts = await botParts(config, host, log, over);
  return { parts: over.metrics ? observedParts(parts, over.metrics, log) : parts, log };
}

async function botParts(
  config: Config,
  own: HostParts | null,
  log: Logger,
  over: BotOverrides,
): Promise<BotParts> {
  if (!config.redisUrl) {
    // Without Redis this process always runs its own host.
    const host = own as HostParts;
    const transport = rememberingVerdicts(
      createMemoryTransport({
        host: config.host,
        runner: host.runner,
        fixRunner: host.fixRunner(createMemoryRestartBudget()),
        clawopsVersion: clawopsVersion(),
      }),
      createMemoryVerdictStore(),
    );
    return {
      ...transport,
      actions: createMemoryActionStore(),
      approvals: createMemoryApprovalStore(),
      audit: logged(createMemoryAuditLog(), log),
      alertRefs: createMemoryAlertRefs(),
    };
  }
  const bull = (over.createBullTransport ?? createBullTransport)({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
  });
  const worker = own ? await own.startWorker(config.redisUrl) : null;
  const redis = (over.createRedis ?? createRedis)(config.redisUrl);
  redis.on('error', () => {
    // Reconnects by itself; the transport reports Redis being down to the person asking.
  });
  const keys = keysFor(config.redisPrefix);
  const pending = createRedisPendingStore(redis, keys, { aliveMs: config.botAliveMs });
  const verdicts = createRedisVerdictStore(redis, keys);
  const transport = rememberingVerdicts(bull, verdicts);
  return {
    requestDiagnosis: (request, options) => transport.requestDiagnosis(request, options),
    lastVerdicts: () => verdicts.all(),
    requestFix: (request, options) => transport.requestFix(request, options),
    listHosts: () => transport.listHosts(),
    follow: (kind, host, runId) => bull.follow(kind, host, runId),
    pending,
    watchReport: (host) => readWatchReport(redis, config.redisPrefix, host),
    silentEpisodes: () => readSilentEpisodes(redis, config.redisPrefix),
    alertRefs: createRedisAlertRefs(redis, config.redisPrefix),
    actions: createRedisActionStore(redis, config.redisPrefix),
    approvals: createRedisApprovalStore(redis, keys),
    audit: logged(createRedisAuditLog(redis, keys), log),
    async close() {
      await pending.close();
      await transport.close();
      await worker?.close();
      await closeRedis(redis);
    },
  };
}
