import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosisSchema } from '../../src/engine/diagnosis.js';
import { createBullTransport } from '../../src/queue/bull-transport.js';
import { diagnoseInProcess } from '../support/in-process-cli.js';
import { dropPrefix, testPrefix, useRedis } from '../support/redis.js';
import { prepareScenario, runClawops, type Scenario, type ScenarioOptions } from '../support/scenario.js';
import { spawnWorker } from '../support/workers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

async function scenarioOf(name: string, opts: ScenarioOptions = {}): Promise<Scenario> {
  const s = await prepareScenario(name, opts);
  cleanups.push(() => s.stop());
  return s;
}

/**
 * `clawops diagnose --json` on a prepared scenario: in this process where the test is about the
 * verdict (the probes still run `openclaw` as subprocesses), as `clawops` itself where it is also
 * about the process ending with its exit code.
 */
async function diagnose(s: Scenario, how: 'in-process' | 'subprocess' = 'in-process') {
  const run =
    how === 'subprocess'
      ? await runClawops(['diagnose', '--json'], s.env)
      : await diagnoseInProcess(['--json'], s.env);
  const diagnosis = DiagnosisSchema.parse(JSON.parse(run.stdout));
  return {
    run,
    diagnosis,
    said: diagnosis.findings.flatMap((f) => f.evidence.map((e) => e.text)).join('\n'),
  };
}

/** The log file where the scenario's `gateway status` says it is. */
const logFileOf = (s: Scenario): string => join(s.dir, 'openclaw/openclaw-2026-11-24.log');

/** Replaces the scenario's log file with a FIFO that nobody ever writes to. */
async function fifoInsteadOfLog(s: Scenario): Promise<string> {
  const path = logFileOf(s);
  rmSync(path);
  await execa('mkfifo', [path]);
  return path;
}

describe('a log file that cannot be read as one', () => {
  it('does not wait on a FIFO: the diagnosis ends, from `openclaw logs`, and says why', async () => {
    const s = await scenarioOf('invalid_key_401');
    await fifoInsteadOfLog(s);
    const { run, diagnosis, said } = await diagnose(s, 'subprocess');
    expect(run.code).toBe(1);
    expect(diagnosis.verdict.label).toBe('invalid_key');
    expect(said).toMatch(
      /openclaw-2026-11-24\.log is not a regular file; read `openclaw logs --json` instead/,
    );
  });

  it('a worker whose log is a FIFO still answers diagnoses, and stops on SIGTERM', async () => {
    const redis = await useRedis();
    cleanups.push(() => redis.stop());
    const prefix = testPrefix();
    cleanups.push(() => dropPrefix(redis.url, prefix));
    const s = await scenarioOf('invalid_key_401');
    await fifoInsteadOfLog(s);
    const worker = await spawnWorker({ ...s.env, REDIS_URL: redis.url, CLAWOPS_REDIS_PREFIX: prefix });
    cleanups.push(() => worker.stop());
    const transport = createBullTransport({ redisUrl: redis.url, prefix, pollMs: 250 });
    cleanups.push(() => transport.close());
    const { diagnosis } = await transport.requestDiagnosis({
      kind: 'diagnose',
      requestId: 'fifo-1',
      host: 'gw-test',
      replyTo: 'console',
      requestedBy: 'tester',
    });
    expect(diagnosis.verdict.label).toBe('invalid_key');
    expect(await worker.stop()).toBe(0);
  });

  it('does not take a file that is not a gateway log for a quiet, healthy one', async () => {
    const s = await scenarioOf('invalid_key_401');
    writeFileSync(
      logFileOf(s),
      'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n',
    );
    const { diagnosis, said } = await diagnose(s);
    expect(diagnosis.verdict.label).toBe('invalid_key');
    expect(said).toMatch(/is not an OpenClaw gateway log; read `openclaw logs --json` instead/);
  });
});

describe('an output clawops cannot read', () => {
  it('is evidence of its own when models status has an unexpected shape, never a confident missing_auth', async () => {
    const s = await scenarioOf('healthy', {
      plant: (text, file) =>
        file === 'models_status_json.out' ? '{"schema":2,"authStatus":{"anthropic":"ok"}}\n' : text,
    });
    const { diagnosis, said } = await diagnose(s);
    expect(diagnosis.verdict.label).not.toBe('missing_auth');
    expect(diagnosis.findings.map((f) => f.label)).not.toContain('missing_auth');
    expect(diagnosis.verdict.confidence).toBe('low');
    expect(said).toMatch(/`\S+ models status --json` printed something clawops could not read/);
    expect(diagnosis.authRoute).toBeNull();
  });
});

describe('a command whose descendant leaves its process group', () => {
  it('ends when the command ends, keeping the output it printed', async () => {
    const s = await scenarioOf('invalid_key_401');
    // An `openclaw` that starts a daemon in a session of its own, holding stdout, then answers.
    const pids = join(s.dir, 'daemon.pids');
    const bin = join(s.dir, 'openclaw-with-daemon');
    writeFileSync(
      bin,
      `#!/bin/sh\nsetsid sleep 60 &\necho $! >> '${pids}'\nexec '${s.env.OPENCLAW_BIN}' "$@"\n`,
    );
    chmodSync(bin, 0o755);
    cleanups.push(async () => {
      for (const pid of readFileSync(pids, 'utf8').split('\n').filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    });
    const { diagnosis } = await diagnose({
      ...s,
      env: { ...s.env, OPENCLAW_BIN: bin, CLAWOPS_PROBE_TIMEOUT_MS: '20000' },
    });
    expect(diagnosis.verdict.label).toBe('invalid_key');
    expect(diagnosis.probes.every((p) => !p.timedOut && p.exitCode !== null)).toBe(true);
  });
});
