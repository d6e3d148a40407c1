/**
 * Benchmark of the foundation, printed as figures (the test suite has no timed tests):
 *  - bundle sizes of the store build, raw and gzipped: each site's content script, the dialogs loaded on demand;
 *  - in Chromium, medians over RUNS runs of: incident page load -> action buttons painted; person's click
 *    -> modal showing the rendered request; Send -> request arriving at a local receiver, next to the same
 *    request sent by a direct fetch() from the page.
 * Usage: node scripts/bench.ts [--runs N]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { CDPSession } from 'playwright-core';
import { launchChromium } from '../test/e2e/browsers/chromium.ts';
import { poll } from '../test/e2e/browsers/driver.ts';
import { createActionThroughOptions } from '../test/e2e/options-page.ts';
import { startReceiver } from '../test/e2e/receiver.ts';

const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 20;

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
function size(file: string): string {
  const bytes = readFileSync(file);
  return `${kB(bytes.length)} raw, ${kB(gzipSync(bytes, { level: 9 }).length)} gzipped`;
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const ms = (values: number[]) =>
  `${median(values).toFixed(1)} ms (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`;

console.log('Incident Actions benchmark');
// One content script per site (what a page of that site parses at load), then what the bar loads on demand.
for (const script of readdirSync('.output/chrome-mv3/content-scripts').filter((name) => name.endsWith('.js'))) {
  console.log(`content script   ${script.padEnd(18)} ${size(`.output/chrome-mv3/content-scripts/${script}`)}`);
}
console.log(`dialogs (on demand) ${size('.output/chrome-mv3/incident-ui.js')}`);
console.log(`background       ${size('.output/chrome-mv3/background.js')}`);

const receiver = await startReceiver();
// Local Network Access would stop the page's own fetch to loopback (the baseline below), not the extension's.
const browser = await launchChromium({ extraArgs: ['--disable-features=LocalNetworkAccessChecks'] });
const { page, context } = browser;
const label = 'Restart server';
const send = { role: 'button', name: 'Send' };
await createActionThroughOptions(browser, { label, url: `${receiver.origin}/bench/{{incident.id}}` });

// In the page's own world: when our host element is attached, and the next frame after it (painted).
await context.addInitScript(() => {
  const marks: Record<string, number> = {};
  (window as unknown as { __bench: typeof marks }).__bench = marks;
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && /^IA-/.test(node.tagName) && marks.attached === undefined) {
          marks.attached = performance.now();
          requestAnimationFrame(() => requestAnimationFrame(() => (marks.painted = performance.now())));
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
});

const incident = 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M';
const loadToButtons: number[] = [];
const clickToModal: number[] = [];
const confirmToReceived: number[] = [];
const directFetch: number[] = [];
const cdp: CDPSession = await context.newCDPSession(page);

for (let run = 0; run < RUNS; run++) {
  await page.goto(incident);
  const painted = await poll(
    'buttons painted',
    () => page.evaluate(() => (window as unknown as { __bench: { painted?: number } }).__bench.painted),
    10_000,
    5,
  );
  loadToButtons.push(painted);
  await browser.waitForAccessible({ role: 'button', name: label });

  // Click -> the modal shows the request rendered by the background: one accessibility-tree probe per ms.
  const button = await browser.pointOfAccessible({ role: 'button', name: label });
  const clicked = performance.now();
  await page.mouse.click(button.x, button.y);
  await poll(
    'rendered request in the modal',
    async () => ((await browser.isAccessible({ role: 'region', name: 'Request to send' })) ? true : undefined),
    10_000,
    1,
  );
  clickToModal.push(performance.now() - clicked);

  // Send -> arrival at the receiver, both measured on this process's clock.
  await browser.waitForAccessible(send, { enabled: true });
  const count = receiver.received.length;
  const sendAt = await browser.pointOfAccessible(send);
  const confirmed = performance.now();
  await page.mouse.click(sendAt.x, sendAt.y);
  const arrived = await receiver.waitFor('/bench/', count + 1);
  confirmToReceived.push(arrived.at - confirmed);
  await browser.waitForAccessible({ role: 'button', name: 'Close' });
  await browser.press('Escape');

  // The same request by a direct fetch from the page (a simple request, so no CORS preflight).
  const before = performance.now();
  await cdp.send('Runtime.evaluate', {
    expression: `fetch(${JSON.stringify(`${receiver.origin}/bench/direct`)}, { method: 'POST', mode: 'no-cors', body: ${JSON.stringify(arrived.body)} })`,
  });
  const direct = await receiver.waitFor('/bench/', count + 2);
  directFetch.push(direct.at - before);
}

console.log(`\nChromium ${RUNS} runs, medians`);
console.log(`page load -> buttons painted        ${ms(loadToButtons)}`);
console.log(`click -> modal with request         ${ms(clickToModal)}`);
console.log(`Send -> request at receiver         ${ms(confirmToReceived)}`);
console.log(`direct fetch from page -> receiver  ${ms(directFetch)}`);

await browser.close();
await receiver.close();
