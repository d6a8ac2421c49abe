import { defineConfig } from 'vitest/config';

/** The end-to-end run against the real OpenClaw: one file, long timeouts, nothing in parallel. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 45 * 60_000,
    fileParallelism: false,
  },
});
