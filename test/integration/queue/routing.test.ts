import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import type { DiagnosisTransport } from '../../../src/core/transport.js';
import { createBullTransport } from '../../../src/queue/bull-transport.js';
import { dropPrefix, testPrefix, useRedis } from '../../support/redis.js';
import { jobsOf, probeRuns, startHost, stopHosts, type TestHost } from '../../support/workers.js';

let redis: { url: string; stop(): Promise<void> };
let prefix = '';
let hosts: TestHost[] = [];
let transport: DiagnosisTransport | null = null;

beforeAll(async () => {
  redis = await useRedis();
});
afterAll(async () => redis.stop());
afterEach(async () => {
  await transport?.close();
  transport = null;
  await stopHosts(hosts);
  hosts = [];
  await dropPrefix(redis.url, prefix);
});

const request = (requestId: string, host: string) => ({
  kind: 'diagnose' as const,
  requestId,
  host,
  replyTo: 'console',
  requestedBy: 'tester',
});

async function setUp(specs: readonly [host: string, capture: string][], speed = 0) {
  prefix = testPrefix();
  hosts = await Promise.all(specs.map(([host, cap]) => startHost(redis.url, prefix, host, cap, { speed })));
  transport = createBullTransport({ redisUrl: redis.url, prefix });
  return transport;
}

describe('routing', () => {
  it('sends each request to its own host among three workers', async () => {
    const t = await setUp([
      ['gw-a', 'healthy'],
      ['gw-b', 'invalid_key_401'],
      ['gw-c', 'gateway_down'],
    ]);
    const [a, b, c] = await Promise.all([
      t.requestDiagnosis(request('r-a', 'gw-a')),
      t.requestDiagnosis(request('r-b', 'gw-b')),
      t.requestDiagnosis(request('r-c', 'gw-c')),
    ]);
    expect([a.diagnosis.host, a.diagnosis.verdict.label]).toEqual(['gw-a', 'healthy']);
    expect([b.diagnosis.host, b.diagnosis.verdict.label]).toEqual(['gw-b', 'invalid_key']);
    expect([c.diagnosis.host, c.diagnosis.verdict.label]).toEqual(['gw-c', 'gateway_down']);
    expect(hosts.map(probeRuns)).toEqual([1, 1, 1]);
  });

  it('streams probe progress to the requester before the result', async () => {
    const t = await setUp([['gw-a', 'healthy']], 0.2);
    const seen: string[] = [];
    const { diagnosis } = await t.requestDiagnosis(request('r-p', 'gw-a'), {
      onProgress: (p) => seen.push(`${p.probe}:${p.state}`),
    });
    expect(diagnosis.verdict.label).toBe('healthy');
    // Events before the bot's event reader is subscribed may be missed; later ones arrive.
    expect(seen.some((s) => s.endsWith(':started'))).toBe(true);
    expect(seen).toContain('models-status:done');
  });

  it('answers an unknown host at once, naming the hosts it knows, and queues nothing', async () => {
    const t = await setUp([['gw-a', 'healthy']]);
    const started = Date.now();
    const err = await t.requestDiagnosis(request('r-x', 'gw-nope')).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: 'unknown_host' });
    expect((err as Error).message).toMatch(/unknown host "gw-nope".*Known hosts: gw-a/);
    expect(await jobsOf(redis.url, prefix, 'gw-nope')).toHaveLength(0);
  });

  it('lists the workers with their versions', async () => {
    const t = await setUp([
      ['gw-b', 'healthy'],
      ['gw-a', 'healthy'],
    ]);
    await t.requestDiagnosis(request('r-v', 'gw-a'));
    const listed = await t.listHosts();
    expect(listed.map((h) => [h.host, h.state])).toEqual([
      ['gw-a', 'live'],
      ['gw-b', 'live'],
    ]);
    expect(listed[0]).toMatchObject({ clawopsVersion: 'test', openclawVersion: '2026.9.6' });
  });
});

describe('shared runs', () => {
  it('answers 100 concurrent requests for one host from exactly one probe run', async () => {
    const t = await setUp([['gw-a', 'invalid_key_401']], 0.3);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => t.requestDiagnosis(request(`r-${i}`, 'gw-a'))),
    );
    expect(answers).toHaveLength(100);
    expect(new Set(answers.map((a) => a.runId)).size).toBe(1);
    expect(answers.every((a) => a.diagnosis.verdict.label === 'invalid_key')).toBe(true);
    expect(answers.filter((a) => a.share === 'started')).toHaveLength(1);
    expect(probeRuns(hosts[0] as TestHost)).toBe(1);
    expect(await jobsOf(redis.url, prefix, 'gw-a')).toHaveLength(1);
  });

  it('starts a new run for a request that comes after the last one ended', async () => {
    const t = await setUp([['gw-a', 'healthy']]);
    const first = await t.requestDiagnosis(request('r-1', 'gw-a'));
    const second = await t.requestDiagnosis(request('r-2', 'gw-a'));
    expect(second.runId).not.toBe(first.runId);
    expect(probeRuns(hosts[0] as TestHost)).toBe(2);
  });

  it("does not lend one agent's run to a request for another agent's routes", async () => {
    const t = await setUp([['gw-a', 'routes_agent_no_auth']], 0.2);
    const [main, work, work2] = await Promise.all([
      t.requestDiagnosis(request('r-main', 'gw-a')),
      t.requestDiagnosis({ ...request('r-work', 'gw-a'), agent: 'work' }),
      t.requestDiagnosis({ ...request('r-work-2', 'gw-a'), agent: 'work' }),
    ]);
    expect(work.runId).not.toBe(main.runId);
    expect(work2.runId).toBe(work.runId);
    expect(main.diagnosis.failover?.agent).toBe('main');
    expect(work.diagnosis.failover?.agent).toBe('work');
    expect(await jobsOf(redis.url, prefix, 'gw-a')).toHaveLength(2);
  });

  it('gives a redelivered request id the same run, during and after it, and queues one job', async () => {
    const t = await setUp([['gw-a', 'healthy']], 0.2);
    const [one, two] = await Promise.all([
      t.requestDiagnosis(request('evt-1', 'gw-a')),
      t.requestDiagnosis(request('evt-1', 'gw-a')),
    ]);
    const later = await t.requestDiagnosis(request('evt-1', 'gw-a'));
    expect(one.runId).toBe(two.runId);
    expect(later.runId).toBe(one.runId);
    expect([one.share, two.share, later.share].sort()).toEqual(['duplicate', 'duplicate', 'started']);
    expect(await jobsOf(redis.url, prefix, 'gw-a')).toHaveLength(1);
    expect(probeRuns(hosts[0] as TestHost)).toBe(1);
  });
});
