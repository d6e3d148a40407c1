import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built extension (`npm run build:e2e`) in real Chromium and Firefox ESR. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    // Above what a test may wait: its healthy run (under 25 s here, the 1 MB title's and the soaks' longer,
    // with their own timeouts) plus one wait that reaches its ceiling (WAIT_MS, 60 s, test/e2e/browsers/
    // driver.ts), with room for a machine three times slower. So a failure reports the wait's own message,
    // what it was waiting for, rather than vitest's timeout.
    testTimeout: 240_000,
    // Starting or closing a browser, with its receivers.
    hookTimeout: 120_000,
    // One browser at a time: on the 2-core machines two browsers at once (the soak beside the Firefox file)
    // slowed Firefox past its timeouts in CI, and one after another takes about as long in total.
    fileParallelism: false,
  },
});
