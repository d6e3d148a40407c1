import preact from '@preact/preset-vite';
import { defineConfig, type WxtHooks } from 'wxt';
import { GECKO_ID } from './lib/core/extension-ids';
import { INCIDENT_PAGE_MATCHES } from './lib/sites/registry';

// IA_E2E=1 builds the extension the end-to-end tests load (README, "Tests"). It differs from the
// store build in three ways only: two because headless browsers cannot click a permission prompt (the loopback
// receiver origin is a granted host permission, and, in Firefox, the options page is reachable from a fixture
// incident page so WebDriver BiDi can open it), and one because a test cannot wait 20 minutes (the outbox's
// clock can be moved forward through storage.local: entrypoints/background/test-clock.ts).
const e2e = process.env.IA_E2E === '1';

// @wxt-dev/webextension-polyfill aliases `wxt/browser` to webextension-polyfill in every build group. Only the
// background keeps it: there it lets the message listener answer with a promise in Chrome before 148 (Firefox
// and Chrome 148+ do that natively, and the polyfill then hands back their own `browser`). Every other group,
// above all the content script and its size budget, gets WXT's own `browser` back (README, "Load it in your
// browser").
const POLYFILLED = 'background';
const withoutPolyfill: WxtHooks['vite:devServer:extendConfig'] = (config) => {
  const alias = config.resolve?.alias;
  if (config.resolve && Array.isArray(alias)) {
    config.resolve.alias = alias.filter((entry) => entry.find !== 'wxt/browser');
  } else if (alias) {
    delete (alias as Record<string, string>)['wxt/browser'];
  }
};

export default defineConfig({
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: e2e ? '.output/e2e' : '.output',
  // The log benchmark's page (entrypoints/bench-log) ships in test builds only.
  ...(e2e
    ? {}
    : {
        filterEntrypoints: [
          'answer-frame',
          'background',
          'incident',
          ...['pagerduty', 'opsgenie', 'grafana-oncall', 'incident-io', 'pagertree'],
          'incident-ui',
          'options',
          'page-tools',
        ],
      }),
  // `import.meta.env.IA_E2E` guards the test build's outbox clock (entrypoints/background/test-clock.ts): false in
  // the store build, where the minifier drops the code it guards.
  vite: () => ({ plugins: [preact()], define: { 'import.meta.env.IA_E2E': JSON.stringify(e2e) } }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entry) => entry.type === POLYFILLED)) withoutPolyfill(config);
    },
    // `wxt dev` serves the HTML pages (the options page) from this server: the same rule as in a build.
    'vite:devServer:extendConfig': withoutPolyfill,
  },
  zip: { artifactTemplate: '{{name}}-{{version}}-{{browser}}-{{manifestVersion}}.zip' },
  manifest: ({ browser }) => ({
    name: 'Incident Actions',
    description: 'Confirmed one-click webhook actions on incident pages: restart, diagnose, revert, notify.',
    // scripting: the content script is registered at run time on the self-hosted sites the user adds.
    // alarms: a retry wakes a stopped worker; notifications: the end of a run that needed retries.
    // unlimitedStorage: without it the browser may evict the extension's IndexedDB (actions, outbox,
    // history) under disk pressure, and Chromium caps it at a share of the disk. No install warning.
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'alarms', 'notifications'],
    // Endpoint origins are asked for, one by one, from the click that saves an action (design rule 6).
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...(e2e
      ? {
          host_permissions: [
            'http://127.0.0.1/*',
            // The team config server of the subscription test (HTTPS, test/support/tls-fixture.ts).
            'https://127.0.0.1/*',
            'https://oncall.internal.example/*',
            'http://grafana.internal.example/*',
          ],
        }
      : {}),
    web_accessible_resources: [
      // The picker and page report, imported by the content script on "Fix this page" (entrypoints/page-tools).
      // Any http(s) page: custom sites are registered at run time. Chrome serves it only at a per-session URL.
      {
        resources: ['page-tools.js'],
        matches: ['https://*/*', 'http://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
      // The dialogs and the vendor API's mapping, imported by the content script when the bar is first hovered,
      // focused or clicked (entrypoints/incident-ui). Same reach as page-tools.js.
      {
        resources: ['incident-ui.js'],
        matches: ['https://*/*', 'http://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
      // The confirmation's questions, framed in the modal so the page hears none of their keys (AnswerFrame.tsx).
      {
        resources: ['answer-frame.html'],
        matches: ['https://*/*', 'http://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
      ...(e2e && browser === 'firefox' ? [{ resources: ['options.html'], matches: INCIDENT_PAGE_MATCHES }] : []),
    ],
    // Chrome passes an extension its policy (storage.managed) only through a schema; Firefox reads its
    // 3rdparty policy without one (docs/policy.md).
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // data_collection_permissions needs Firefox 140 (ESR 140) and Firefox for Android 142.
              strict_min_version: '140.0',
              // Nothing leaves the browser except the requests the user configures and confirms.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
