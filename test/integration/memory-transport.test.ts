import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosisTransport } from '../../src/core/transport.js';
import { createLogger } from '../../src/logger.js';
import { createDiagnosisRunner } from '../../src/worker/diagnosis-runner.js';
import { createMemoryTransport } from '../../src/worker/memory-transport.js';
import { prepareScenario, type Scenario } from '../support/scenario.js';

let scenario: Scenario | null = null;
let transport: DiagnosisTransport | null = null;
afterEach(async () => {
  await transport?.close();
  await scenario?.stop();
  transport = null;
  scenario = null;
});

async function setUp(capture: string, speed = 0): Promise<DiagnosisTransport> {
  scenario = await prepareScenario(capture, { speed });
  const runner = createDiagnosisRunner({
    host: 'gw-dev',
    bin: scenario.env.OPENCLAW_BIN as string,
    env: scenario.env,
    log: createLogger('silent'),
  });
  transport = createMemoryTransport({ host: 'gw-dev', runner, clawopsVersion: 'test' });
  return transport;
}

const request = (requestId: string, host = 'gw-dev') => ({
  kind: 'diagnose' as const,
  requestId,
  host,
  replyTo: 'console',
  requestedBy: 'tester',
});

const probeRuns = (s: Scenario | null) =>
  s?.calls().filter((c) => c.args.join(' ') === 'models status --json').length;

describe('the in-process transport of clawops dev', () => {
  it('shares one run among concurrent requests and answers a duplicate id from the same run', async () => {
    const t = await setUp('invalid_key_401', 0.2);
    const answers = await Promise.all([
      t.requestDiagnosis(request('a')),
      t.requestDiagnosis(request('b')),
      t.requestDiagnosis(request('a')),
    ]);
    expect(answers.map((a) => a.share)).toEqual(['started', 'joined', 'duplicate']);
    expect(new Set(answers.map((a) => a.runId)).size).toBe(1);
    expect(answers[0]?.diagnosis.verdict.label).toBe('invalid_key');
    expect(probeRuns(scenario)).toBe(1);
    const next = await t.requestDiagnosis(request('c'));
    expect(next.runId).not.toBe(answers[0]?.runId);
    expect(probeRuns(scenario)).toBe(2);
  });

  it('streams progress and lists its one host with the OpenClaw version it saw', async () => {
    const t = await setUp('healthy');
    const probes: string[] = [];
    await t.requestDiagnosis(request('p'), { onProgress: (p) => probes.push(p.probe) });
    expect(probes).toContain('gateway-status');
    expect(await t.listHosts()).toMatchObject([
      { host: 'gw-dev', state: 'live', openclawVersion: '2026.9.6' },
    ]);
  });

  it('refuses another host and a malformed request with a clear message', async () => {
    const t = await setUp('healthy');
    await expect(t.requestDiagnosis(request('x', 'gw-other'))).rejects.toMatchObject({
      code: 'unknown_host',
      message: expect.stringMatching(/can diagnose only gw-dev/),
    });
    await expect(t.requestDiagnosis(request('bad id!'))).rejects.toMatchObject({
      code: 'usage',
      message: expect.stringMatching(/requestId/),
    });
    expect(probeRuns(scenario)).toBe(0);
  });
});
