import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // WXT's plugin gives tests a fake `browser`; it does not apply wxt.config's Vite plugins, hence preact().
  plugins: [WxtVitest(), preact()],
  test: {
    environment: 'happy-dom',
    // happy-dom has no IndexedDB.
    setupFiles: ['fake-indexeddb/auto'],
    include: ['test/{conventions,lib,components,entrypoints}/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
