import { type Config, loadConfig } from '../config.js';
import { type ActionStore, createMemoryActionStore } from '../core/action-store.js';
import { UserError } from '../core/errors.js';
import type { DiagnosisRunner, DiagnosisTransport } from '../core/transport.js';
import { createLogger } from '../logger.js';
import { readOpenclawVersion } from '../probes/openclaw-version.js';
import { createBullTransport } from '../queue/bull-transport.js';
import { type BullWorker, startBullWorker } from '../queue/bull-worker.js';
import { closeRedis, createRedis } from '../queue/redis.js';
import { createRedisActionStore } from '../queue/redis-action-store.js';
import { createDiagnosisRunner } from '../worker/diagnosis-runner.js';
import { createMemoryTransport } from '../worker/memory-transport.js';
import type { CliIo } from './io.js';
import { clawopsVersion } from './version.js';

/**
 * The path from a bot to the workers, and where its buttons' actions live, chosen by REDIS_URL: BullMQ on Redis when it is set,
 * else a worker in this process. With `worker: true` and Redis, this process also runs the
 * worker of its own host, so `clawops dev` works alone either way.
 */
/** This host's diagnosis runner, as the settings describe it. */
export const runnerFor = (config: Config): DiagnosisRunner =>
  createDiagnosisRunner({
    host: config.host,
    bin: config.openclawBin,
    env: config.probeEnv,
    probeTimeoutMs: config.probeTimeoutMs,
    logLevel: config.logLevel,
  });

/** REDIS_URL, or a configuration error that says what `verb` needs it for and what to do instead. */
export function requireRedis(config: Config, verb: string, why: string, instead: string): string {
  if (config.redisUrl) return config.redisUrl;
  throw new UserError(
    'config',
    `clawops ${verb} needs REDIS_URL (for example redis://127.0.0.1:6379) ${why}.\n${instead}`,
  );
}

/** This host's BullMQ worker, as the settings describe it. */
export function startHostWorker(config: Config, redisUrl: string, signal: AbortSignal): Promise<BullWorker> {
  return startBullWorker({
    redisUrl,
    prefix: config.redisPrefix,
    host: config.host,
    runner: runnerFor(config),
    clawopsVersion: clawopsVersion(),
    openclawVersion: readOpenclawVersion(config.openclawBin, config.probeEnv, signal),
    lockMs: config.workerLockMs,
    stopGraceMs: config.workerStopGraceMs,
    log: createLogger(config.logLevel),
  });
}

export async function openTransport(
  io: CliIo,
  opts: { worker: boolean },
): Promise<DiagnosisTransport & { readonly actions: ActionStore }> {
  const config = loadConfig(io.env);
  const runner = runnerFor(config);
  if (!config.redisUrl)
    return {
      ...createMemoryTransport({ host: config.host, runner, clawopsVersion: clawopsVersion() }),
      actions: createMemoryActionStore(),
    };
  const transport = createBullTransport({ redisUrl: config.redisUrl, prefix: config.redisPrefix });
  const worker = opts.worker ? await startHostWorker(config, config.redisUrl, io.signal) : null;
  const redis = createRedis(config.redisUrl);
  redis.on('error', () => {
    // Reconnects by itself; the transport reports Redis being down to the person asking.
  });
  return {
    requestDiagnosis: (request, options) => transport.requestDiagnosis(request, options),
    listHosts: () => transport.listHosts(),
    actions: createRedisActionStore(redis, config.redisPrefix),
    async close() {
      await transport.close();
      await worker?.close();
      await closeRedis(redis);
    },
  };
}
