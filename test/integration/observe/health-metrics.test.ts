import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { postSigned, slashBody, startFakeSlack } from '../../support/fake-slack.js';
import { dropPrefix, freePort, startRedisServer, testPrefix } from '../../support/redis.js';
import { prepareScenario } from '../../support/scenario.js';
import { slackBotEnv, spawnBot, spawnWorker } from '../../support/workers.js';

vi.setConfig({ testTimeout: 90_000 });

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

type Family = { name: string; type: string; metrics: { value?: string; labels?: Record<string, string> }[] };

async function healthz(
  port: number,
): Promise<{ status: number; body: { status: string; checks: Record<string, { ok: boolean }> } }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as never };
}
async function metrics(port: number): Promise<Family[]> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusTextFormat(await res.text()) as Family[];
}
const sample = (families: Family[], name: string, labels: Record<string, string> = {}) =>
  families
    .find((f) => f.name === name)
    ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));

describe('health and metrics of the bot and the worker', () => {
  it('turns /healthz unhealthy while Redis is down and healthy again when it returns; /metrics counts a diagnosis', async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(redis.url, prefix));
    const slack = await startFakeSlack();
    cleanups.push(() => slack.stop());
    const s = await prepareScenario('invalid_key_401');
    cleanups.push(() => s.stop());
    const common = { REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix, CLAWOPS_LOG_LEVEL: 'info' };
    const worker = await spawnWorker({
      ...s.env,
      ...common,
      CLAWOPS_HOST: 'gw-health',
      CLAWOPS_GATEWAY_LOG: 'off',
    });
    cleanups.push(() => worker.stop());
    const port = await freePort();
    const bot = await spawnBot(
      {
        PATH: process.env.PATH ?? '',
        ...common,
        ...slackBotEnv(slack, port),
      },
      ['Slack'],
    );
    cleanups.push(() => bot.stop());
    await vi.waitFor(() => expect(bot.stderr()).toMatch(/\/healthz and \/metrics on port/));

    for (const p of [bot.healthPort(), worker.healthPort()])
      await vi.waitFor(async () => expect((await healthz(p)).status).toBe(200), { timeout: 15_000 });
    expect((await healthz(bot.healthPort())).body.checks).toMatchObject({
      redis: { ok: true },
      slack: { ok: true },
      workers: { ok: true },
    });

    await redis.halt();
    for (const p of [bot.healthPort(), worker.healthPort()]) {
      const down = await healthz(p);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'unhealthy', checks: { redis: { ok: false } } });
    }
    await redis.resume();
    for (const p of [bot.healthPort(), worker.healthPort()])
      await vi.waitFor(async () => expect((await healthz(p)).status).toBe(200), { timeout: 20_000 });

    const form = new URLSearchParams(slashBody(slack, 'diagnose gw-health')).toString();
    expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, form)).status).toBe(200);
    await slack.waitFor(
      (c) => c.method === 'chat.update' && JSON.stringify(c.args).includes('gw-health: invalid_key'),
      30_000,
    );

    const unknown = new URLSearchParams(slashBody(slack, 'diagnose gw-nope')).toString();
    await postSigned(`http://127.0.0.1:${port}/slack/events`, unknown);
    await slack.waitFor(
      (c) => c.method === 'response_url' && JSON.stringify(c.args).includes('unknown host'),
    );

    const botMetrics = await metrics(bot.healthPort());
    expect(sample(botMetrics, 'clawops_workers', { state: 'live' })?.value).toBe('1');
    expect(sample(botMetrics, 'clawops_workers', { state: 'silent' })?.value).toBe('0');
    // An unknown host is the person's mistake, refused before anything is queued: no failed diagnosis.
    expect(sample(botMetrics, 'clawops_diagnosis_failures_total', { code: 'unknown_host' })).toBeUndefined();
    expect(
      sample(botMetrics, 'clawops_requests_total', {
        command: 'diagnose',
        platform: 'slack',
        outcome: 'refused',
      })?.value,
    ).toBe('1');
    expect(
      sample(botMetrics, 'clawops_requests_total', { command: 'diagnose', platform: 'slack', outcome: 'ok' })
        ?.value,
    ).toBe('1');
    expect(sample(botMetrics, 'clawops_verdicts_total', { label: 'invalid_key' })?.value).toBe('1');
    expect(
      (sample(botMetrics, 'clawops_diagnosis_duration_seconds') as { buckets?: Record<string, string> })
        ?.buckets?.['+Inf'],
    ).toBe('1');
    expect(
      sample(botMetrics, 'clawops_queue_depth', { queue: 'diagnose.gw-health', state: 'wait' })?.value,
    ).toBe('0');
    const workerMetrics = await metrics(worker.healthPort());
    expect(sample(workerMetrics, 'clawops_verdicts_total', { label: 'invalid_key' })?.value).toBe('1');
    expect(
      Number(
        sample(workerMetrics, 'clawops_probes_total', { probe: 'gateway-status', outcome: 'ok' })?.value,
      ),
    ).toBeGreaterThan(0);

    // One request id across bot and worker: the bot's request and answer, the worker's run.
    const logged = (text: string) =>
      text.split('\n').flatMap((l) => (l.startsWith('{') ? [JSON.parse(l) as Record<string, unknown>] : []));
    const request = logged(bot.stderr()).find((l) => l.event === 'request' && l.command === 'diagnose');
    const answer = logged(bot.stderr()).find((l) => l.event === 'diagnosis');
    const run = logged(worker.stderr()).find((l) => l.event === 'job_done');
    expect(request?.requestId).toMatch(/^slack-/);
    expect(answer).toMatchObject({ requestId: request?.requestId, label: 'invalid_key' });
    expect(run).toMatchObject({ requestId: request?.requestId, runId: answer?.runId, label: 'invalid_key' });
  });
});
