import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBotParts } from '../../src/cli/bot-parts.js';
import { createHostParts, type HostOverrides } from '../../src/cli/host-parts.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startHealthServer } from '../../src/observe/health-server.js';
import { createMetrics } from '../../src/observe/metrics.js';
import { createBullTransport } from '../../src/queue/bull-transport.js';
import { createDiagnosisRunner } from '../../src/worker/diagnosis-runner.js';
import { createFixRunner } from '../../src/worker/fix-runner.js';
import { dropPrefix, testPrefix, useRedis } from '../support/redis.js';
import { prepareScenario, type Scenario } from '../support/scenario.js';

vi.setConfig({ testTimeout: 60_000 });

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

/** Factories that count how often a process makes a logger, a diagnosis runner and a fix runner. */
function counting() {
  const made = { loggers: 0, runners: 0, fixRunners: 0 };
  const overrides = {
    createLogger: (_level, secrets) => {
      made.loggers++;
      return createLogger('silent', secrets);
    },
    createDiagnosisRunner: (opts) => {
      made.runners++;
      return createDiagnosisRunner(opts);
    },
    createFixRunner: (opts) => {
      made.fixRunners++;
      return createFixRunner(opts);
    },
  } satisfies HostOverrides;
  return { made, overrides };
}

async function gatewayHost(env: Record<string, string> = {}) {
  const scenario: Scenario = await prepareScenario('gateway_down');
  cleanups.push(() => scenario.stop());
  const config = loadConfig({
    ...scenario.env,
    CLAWOPS_HOST: 'gw-parts',
    CLAWOPS_LOG_LEVEL: 'silent',
    CLAWOPS_STATE_POLL_MS: '0',
    CLAWOPS_GATEWAY_CHECK_MS: '0',
    // The captured gateway runs under no service manager: this is how such a host starts one.
    CLAWOPS_START_COMMAND: `${scenario.env.OPENCLAW_BIN} gateway start --json`,
    ...env,
  });
  return { scenario, config };
}

type Family = {
  name: string;
  metrics: { value?: string; buckets?: Record<string, string>; labels?: Record<string, string> }[];
};

/** The worker's /metrics as Prometheus serves it, read over HTTP. */
async function scrape(registry: ReturnType<typeof createMetrics>['registry']): Promise<Family[]> {
  const health = await startHealthServer({ port: 0, host: '127.0.0.1', checks: {}, registry });
  try {
    const res = await fetch(`http://127.0.0.1:${health.port}/metrics`);
    return parsePrometheusTextFormat(await res.text()) as Family[];
  } finally {
    await health.close();
  }
}

const verdicts = (families: Family[]): Record<string, number> =>
  Object.fromEntries(
    (families.find((f) => f.name === 'clawops_verdicts_total')?.metrics ?? []).map((m) => [
      m.labels?.label,
      Number(m.value),
    ]),
  );

describe("one set of parts per process, built from the process's config", () => {
  it('a worker makes one logger, one diagnosis runner and one fix runner, and its fixes diagnose through it', async () => {
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(redis.url, prefix));
    const { scenario, config } = await gatewayHost({ REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix });
    const { made, overrides } = counting();
    const metrics = createMetrics('worker');
    const abort = new AbortController();
    cleanups.push(async () => abort.abort());
    const host = createHostParts(config, { ...overrides, metrics, signal: abort.signal });
    const worker = await host.startWorker(redis.url);
    cleanups.push(() => worker.close());
    const watcher = await host.startWatcher(redis.url);
    cleanups.push(async () => watcher?.close());
    expect(watcher).not.toBeNull();

    const transport = createBullTransport({ redisUrl: redis.url, prefix, pollMs: 250 });
    cleanups.push(() => transport.close());
    const asked = await transport.requestDiagnosis({
      kind: 'diagnose',
      requestId: 'parts-diagnose-1',
      host: 'gw-parts',
      replyTo: 'console',
      requestedBy: 'U0ALICE',
    });
    expect(asked.diagnosis.verdict.label).toBe('gateway_down');
    expect(verdicts(await scrape(metrics.registry))).toEqual({ gateway_down: 1 });

    const fixed = await transport.requestFix({
      kind: 'fix',
      requestId: 'parts-fix-1',
      host: 'gw-parts',
      fix: 'start-gateway',
      replyTo: 'console',
      requestedBy: 'U0ALICE',
      approvedBy: 'U0BOB',
    });
    expect(fixed.outcome).not.toBe('refused');
    expect(scenario.calls().some((c) => c.args.join(' ') === 'gateway start --json')).toBe(true);
    // The diagnoses before and after the fix are on /metrics beside the one asked for.
    const families = await scrape(metrics.registry);
    const counted = Object.values(verdicts(families)).reduce((a, b) => a + b, 0);
    expect(counted).toBe(fixed.after ? 3 : 2);
    const duration = families.find((f) => f.name === 'clawops_diagnosis_duration_seconds')?.metrics[0];
    expect(Number(duration?.buckets?.['+Inf'])).toBe(counted);

    expect(made).toEqual({ loggers: 1, runners: 1, fixRunners: 1 });
  });

  it('a given logger is the only one: the host makes none of its own', async () => {
    const { config } = await gatewayHost();
    const { made, overrides } = counting();
    const log = createLogger('silent');
    const host = createHostParts(config, { ...overrides, log });
    expect(host.log).toBe(log);
    await host.ready;
    expect(made).toEqual({ loggers: 0, runners: 1, fixRunners: 0 });
  });

  it('clawops dev without Redis: one logger and one runner for the bot and its in-process worker', async () => {
    const { config } = await gatewayHost();
    const { made, overrides } = counting();
    let hosts = 0;
    const abort = new AbortController();
    cleanups.push(async () => abort.abort());
    const { parts, log } = await createBotParts(config, {
      worker: true,
      signal: abort.signal,
      createLogger: overrides.createLogger,
      createHostParts: (c, o) => {
        hosts++;
        return createHostParts(c, { ...o, ...overrides });
      },
    });
    cleanups.push(() => parts.close());
    expect(log).toBeDefined();
    const { diagnosis } = await parts.requestDiagnosis({
      kind: 'diagnose',
      requestId: 'parts-dev-1',
      host: 'gw-parts',
      replyTo: 'console',
      requestedBy: 'console',
    });
    expect(diagnosis.verdict.label).toBe('gateway_down');
    expect({ hosts, ...made }).toEqual({ hosts: 1, loggers: 1, runners: 1, fixRunners: 1 });
  });

  it('a bot on Redis runs no host of its own and makes one logger', async () => {
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(redis.url, prefix));
    const { config } = await gatewayHost({ REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix });
    const { made, overrides } = counting();
    let hosts = 0;
    const { parts } = await createBotParts(config, {
      createLogger: overrides.createLogger,
      createHostParts: (c, o) => {
        hosts++;
        return createHostParts(c, o);
      },
    });
    cleanups.push(() => parts.close());
    expect(await parts.listHosts()).toEqual([]);
    expect({ hosts, loggers: made.loggers }).toEqual({ hosts: 0, loggers: 1 });
  });
});
