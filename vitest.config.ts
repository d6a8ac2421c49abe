import { accessSync, constants, statfsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { SlowFirst } from './test/support/slow-first.js';

/** statfs(2)'s f_type of a tmpfs. */
const TMPFS_MAGIC = 0x01021994;

// The tests talk to servers on 127.0.0.1 only. A machine that sets NODE_EXTRA_CA_CERTS makes
// every node process read that bundle at start (~75 ms of CPU for the system one); the forks and
// what they spawn with this environment need none of it.
delete process.env.NODE_EXTRA_CA_CERTS;

// The tests' scratch files go to memory when the machine has a tmpfs at /dev/shm and no TMPDIR
// of its own: each scenario is a copy of its ~80 captured files, and the suite makes hundreds.
// Creating a file on this machine's disk costs about 0.7 ms, five times as much as in memory.
if (!process.env.TMPDIR && scratchInMemory('/dev/shm')) process.env.TMPDIR = '/dev/shm';

function scratchInMemory(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return statfsSync(dir).type === TMPFS_MAGIC;
  } catch {
    return false;
  }
}

/*
 * Two projects, each runnable alone (npm run test:unit, npm run test:integration); `npm test` runs
 * both at once. unit holds the pure tests (no Redis, no subprocess): CPU-bound and quick, in
 * worker threads. integration holds the tests against real Redis, BullMQ, HTTP servers and
 * subprocesses: most of their time is spent waiting on heartbeats, polls and quiet windows, so
 * seven files run at once on two cores; the two projects share those seven places. Neither
 * re-imports the modules for each file (isolate: false): every file builds what it uses and stops
 * it in its own hooks.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // The real-OpenClaw run has its own command (npm run test:e2e) and config.
          exclude: ['test/e2e/**', '**/node_modules/**'],
          isolate: false,
        },
      },
    ],
    // Files at once, on the two cores CI has. The five longest files run first and mostly wait
    // (a killed bot's liveness, a stalled job, a quiet window): with five places they held all of
    // them, and the cores sat idle for ~25 of the run's ~130 core-seconds (vmstat). Seven leave two
    // places for the CPU-bound files beside them: idle fell to ~3 core-seconds and the run from
    // ~63 s to ~45–58 s; eight was no faster, and each extra fork imports the modules again.
    maxWorkers: 7,
    // The longest files first, on a fresh clone too (test/support/slow-first.ts).
    sequence: { sequencer: SlowFirst },
  },
});
