import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Episode } from '../../../src/engine/episodes.js';
import { createLogger } from '../../../src/logger.js';
import { followCommand } from '../../../src/probes/run-probe.js';
import { startCooldownWatcher } from '../../../src/worker/cooldown-watcher.js';
import { capturedLine, lineAt } from '../../support/log-lines.js';
import { FAKE_OPENCLAW, prepareScenario } from '../../support/scenario.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

describe('the cooldown watcher without a readable log file', () => {
  it('follows openclaw logs --follow --json instead, and alerts from its records', async () => {
    const s = await prepareScenario('healthy');
    cleanups.push(() => s.stop());
    const followed = join(s.dir, 'gateway-in-a-container.log');
    writeFileSync(followed, '');
    const env = { ...s.env, FAKE_OPENCLAW_FOLLOW_FILE: followed };
    const published: Episode[] = [];
    const argv: string[][] = [];
    const watcher = startCooldownWatcher({
      host: 'gw-cli',
      instance: 'default',
      quietMs: 60_000,
      statePollMs: 0,
      logFile: null,
      readState: async () => null,
      followCli: (onLine, signal) => {
        argv.push(['logs', '--follow', '--json']);
        return followCommand(FAKE_OPENCLAW, ['logs', '--follow', '--json'], { env, signal, onLine });
      },
      saved: [],
      publish: async (changed) => {
        published.push(...changed);
      },
      log: createLogger('silent'),
    });
    cleanups.push(() => watcher.close());
    // The fake follows from where the file ended when it started: append until it has started
    // and seen the lines. Repeats stay in the one episode.
    const lines = [
      capturedLine('cooldown', '"embedded_run_agent_end"'),
      capturedLine('cooldown', '"auth_profile_failure_state_updated"'),
    ];
    await vi.waitFor(
      () => {
        if (published.length === 0)
          appendFileSync(followed, `${lines.map((l) => lineAt(l, Date.now())).join('\n')}\n`);
        expect(published).toHaveLength(1);
      },
      { timeout: 15_000, interval: 300 },
    );
    expect(published[0]).toMatchObject({
      host: 'gw-cli',
      status: 'active',
      cause: { label: 'rate_limited' },
    });
    expect(argv).toEqual([['logs', '--follow', '--json']]);
  });
});
