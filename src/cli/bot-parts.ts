import { type Config, loadConfig } from '../config.js';
import { createMemoryActionStore } from '../core/action-store.js';
import { createMemoryAlertRefs } from '../core/alert-delivery.js';
import { createMemoryApprovalStore } from '../core/approval.js';
import { type AuditLog, createMemoryAuditLog } from '../core/audit.js';
import type { BotParts } from '../core/bot-parts.js';
import { createMemoryVerdictStore, rememberingVerdicts } from '../core/fleet.js';
import { createMemoryRestartBudget } from '../core/restart-budget.js';
import { createLogger } from '../logger.js';
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
import { fixRunnerFor, runnerFor, startHostWorker } from './host-parts.js';
import type { CliIo } from './io.js';
import { clawopsVersion } from './version.js';

/** Every audit entry also goes to the structured log. */
function logged(audit: AuditLog, config: Config): AuditLog {
  const log = createLogger(config.logLevel, config.ownSecrets);
  return {
    async append(entry) {
      log.info({ audit: entry }, `audit ${entry.event}`);
      await audit.append(entry);
    },
    recent: (host, count) => audit.recent(host, count),
  };
}

/**
 * The path from a bot to the workers, chosen by REDIS_URL: BullMQ on Redis when it is set, else
 * a worker in this process. With `worker: true` and Redis, this process also runs the worker of
 * its own host, so `clawops dev` works alone either way.
 */
export async function openTransport(io: CliIo, opts: { worker: boolean }): Promise<BotParts> {
  const config = loadConfig(io.env);
  if (!config.redisUrl) {
    const transport = rememberingVerdicts(
      createMemoryTransport({
        host: config.host,
        runner: runnerFor(config),
        fixRunner: fixRunnerFor(config, createMemoryRestartBudget()),
        clawopsVersion: clawopsVersion(),
      }),
      createMemoryVerdictStore(),
    );
    return {
      ...transport,
      actions: createMemoryActionStore(),
      approvals: createMemoryApprovalStore(),
      audit: logged(createMemoryAuditLog(), config),
      alertRefs: createMemoryAlertRefs(),
    };
  }
  const bull = createBullTransport({ redisUrl: config.redisUrl, prefix: config.redisPrefix });
  const worker = opts.worker ? await startHostWorker(config, config.redisUrl, io.signal) : null;
  const redis = createRedis(config.redisUrl);
  redis.on('error', () => {
    // Reconnects by itself; the transport reports Redis being down to the person asking.
  });
  const keys = keysFor(config.redisPrefix);
  const pending = createRedisPendingStore(redis, keys);
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
    audit: logged(createRedisAuditLog(redis, keys), config),
    async close() {
      await pending.close();
      await transport.close();
      await worker?.close();
      await closeRedis(redis);
    },
  };
}

export type { BotParts };
