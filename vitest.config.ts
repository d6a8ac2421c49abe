import { defineConfig } from 'vitest/config';

/*
 * Two projects, each runnable alone (npm run test:unit, npm run test:integration); `npm test` runs
 * both. unit holds the pure tests (no Redis, no subprocess): CPU-bound and quick, so they share
 * worker threads. integration holds the tests against real Redis, BullMQ, HTTP servers and
 * subprocesses.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], pool: 'threads', isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // The real-OpenClaw run has its own command (npm run test:e2e) and config.
          exclude: ['test/e2e/**', '**/node_modules/**'],
        },
      },
    ],
    // The CLI tests spawn real subprocesses; two cores are all CI has.
    maxWorkers: 2,
  },
});
