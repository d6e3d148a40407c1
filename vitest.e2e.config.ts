import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built extension (`npm run build:e2e`) in real Chromium and Firefox ESR. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    // Firefox over BiDi is slow per step; a test that hangs still fails, after two minutes.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // One browser per file; two files (Chromium, Firefox) at once fit the 2-core machines.
    maxWorkers: 2,
  },
});
