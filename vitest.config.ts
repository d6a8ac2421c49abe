import { defineConfig } from 'vitest/config';
import { SlowFirst } from './test/support/slow-first.js';

// The tests talk to servers on 127.0.0.1 only. A machine that sets NODE_EXTRA_CA_CERTS makes
// every node process read that bundle at start (~75 ms of CPU for the system one); the forks and
// what they spawn with this environment need none of it.
delete process.env.NODE_EXTRA_CA_CERTS;

/*
 * Two projects, each runnable alone (npm run test:unit, npm run test:integration); `npm test` runs
 * both. unit holds the pure tests (no Redis, no subprocess): CPU-bound and quick, so they share
 * worker threads. integration holds the tests against real Redis, BullMQ, HTTP servers and
 * subprocesses: most of their time is spent waiting on heartbeats, polls and quiet windows, so
 * four files run at once on two cores. Neither re-imports the modules for each file (isolate:
 * false): every file builds what it uses and stops it in its own hooks.
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
          // First, on their own: a broken rule shows in seconds.
          sequence: { groupOrder: 0 },
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
          maxWorkers: 4,
          sequence: { groupOrder: 1 },
        },
      },
    ],
    // Two cores are all CI has.
    maxWorkers: 2,
    // The longest files first, on a fresh clone too (test/support/slow-first.ts).
    sequence: { sequencer: SlowFirst },
  },
});
