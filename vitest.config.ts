import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The real-OpenClaw run has its own command (npm run test:e2e) and config.
    exclude: ['test/e2e/**', '**/node_modules/**'],
    testTimeout: 30_000,
    // The CLI tests spawn real subprocesses; two cores are all CI has.
    maxWorkers: 2,
  },
});
