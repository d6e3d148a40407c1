/**
 * Benchmark of the log, printed as figures: in Chromium, with the test build's benchmark page driving the
 * real outbox and log code in the extension's IndexedDB,
 *  - the log write rate: confirmed runs written through the outbox (enqueue, claim, final answer: three
 *    transactions each), per second;
 *  - with 100,000 runs in the history: opening the options page until the list shows them all, and a
 *    search, from the keystroke to the list redrawn, over all of them (median of 5 queries).
 * Usage: node scripts/bench-history.ts [--rows N]
 */
import { launchChromium } from '../test/e2e/browsers/chromium.ts';
import { poll } from '../test/e2e/browsers/driver.ts';

const rowsFlag = process.argv.indexOf('--rows');
const ROWS = rowsFlag > 0 ? Number(process.argv[rowsFlag + 1]) : 100_000;
const WRITTEN = 1_000;

type BenchLog = {
  writeRuns(count: number): Promise<{ ms: number; perSecond: number }>;
  seed(count: number): Promise<number>;
  count(): Promise<number>;
};

const browser = await launchChromium();
const { page, extensionId } = browser;
try {
  await page.goto(`chrome-extension://${extensionId}/bench-log.html`);
  await page.waitForFunction(() => 'benchLog' in window);
  const write = await page.evaluate(
    (count) => (window as unknown as { benchLog: BenchLog }).benchLog.writeRuns(count),
    WRITTEN,
  );
  console.log(
    `log write rate   ${Math.round(write.perSecond)} runs/s through the outbox (${WRITTEN} runs in ${Math.round(write.ms)} ms)`,
  );
  const seeded = await page.evaluate(
    (count) => (window as unknown as { benchLog: BenchLog }).benchLog.seed(count),
    ROWS - WRITTEN,
  );
  console.log(
    `seeded           ${(ROWS - WRITTEN).toLocaleString('en-US')} more runs in ${(seeded / 1000).toFixed(1)} s`,
  );

  const total = `${ROWS.toLocaleString('en-US')} runs`;
  const opened = Date.now();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.locator('.history-row').first().waitFor();
  const firstRows = Date.now() - opened;
  await poll(
    'all runs counted',
    async () => ((await page.textContent('.history-count')) === total ? true : undefined),
    60_000,
    5,
  );
  const allLoaded = Date.now() - opened;
  console.log(`history open     ${firstRows} ms to the first rows, ${allLoaded} ms to all ${total} listed`);

  // From the input event to the redrawn count and list, measured in the page (two frames: painted).
  const searches: number[] = [];
  for (const query of ['db-prod-3', 'revert web-7', 'rejected', 'responder 7', 'Q2BT']) {
    await page.fill('.history-search', '');
    await poll(
      'list reset',
      async () => ((await page.textContent('.history-count')) === total ? true : undefined),
      10_000,
      5,
    );
    searches.push(
      await page.evaluate(
        (text) =>
          new Promise<number>((resolve) => {
            const input = document.querySelector<HTMLInputElement>('.history-search');
            const count = document.querySelector('.history-count');
            if (!input || !count) throw new Error('no search box');
            const started = performance.now();
            new MutationObserver((_, observer) => {
              observer.disconnect();
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
            }).observe(count, { childList: true, subtree: true, characterData: true });
            input.value = text;
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }),
        query,
      ),
    );
  }
  searches.sort((a, b) => a - b);
  console.log(
    `history search   ${searches[2]?.toFixed(1)} ms median over ${total} (min ${searches[0]?.toFixed(1)}, max ${searches[4]?.toFixed(1)})`,
  );
  const heap = await page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  );
  console.log(`options page     ${(heap / 1024 / 1024).toFixed(0)} MB JS heap with the history loaded`);
} finally {
  await browser.close();
}
