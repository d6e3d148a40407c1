import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built extension (`npm run build:e2e`) in real Chromium and Firefox ESR. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    // Firefox over BiDi is slow per step; a test that hangs still fails, after two minutes.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // One browser at a time: on the 2-core machines two browsers at once (the soak beside the Firefox file)
    // slowed Firefox past its timeouts in CI, and one after another takes about as long in total.
    fileParallelism: false,
  },
});
