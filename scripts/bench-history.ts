/**
 * Benchmark of the log, printed as figures: in Chromium, with the test build's benchmark page driving the
 * real outbox and log code in the extension's IndexedDB,
 *  - the log write rate: confirmed runs written through the outbox (enqueue, claim, final answer: three
 *    transactions each), per second;
 *  - the options page at 1,000 runs (those just written) and again at 100,000: open until the first rows,
 *    a search from the keystroke to its first redraw and to its settled count (median of 5 queries), and
 *    the page's JS heap after a garbage collection; then each figure at 100,000 over the same at 1,000.
 * Usage: node scripts/bench-history.ts [--rows N]
 */
import { launchChromium } from '../test/e2e/browsers/chromium.ts';
import { poll } from '../test/e2e/browsers/driver.ts';

const rowsFlag = process.argv.indexOf('--rows');
const ROWS = rowsFlag > 0 ? Number(process.argv[rowsFlag + 1]) : 100_000;
const WRITTEN = 1_000;
const QUERIES = ['db-prod-3', 'revert web-7', 'rejected', 'responder 7', 'Q2BT'];

type BenchLog = {
  writeRuns(count: number): Promise<{ ms: number; perSecond: number }>;
  seed(count: number): Promise<number>;
  count(): Promise<number>;
};
interface Figures {
  firstRows: number;
  counted: number;
  searchFirst: number[];
  searchSettled: number[];
  heapMb: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const browser = await launchChromium();
const { page, extensionId, context } = browser;
const cdp = await context.newCDPSession(page);

/** Opens the options page and times its history over `rows` runs. */
async function measure(rows: number): Promise<Figures> {
  const total = `${rows.toLocaleString('en-US')} runs`;
  const opened = Date.now();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.locator('.history-row').first().waitFor();
  const firstRows = Date.now() - opened;
  await poll('the runs counted', async () => ((await page.textContent('.history-count')) === total ? true : undefined));
  const counted = Date.now() - opened;

  // From the input event to the count redrawn (two frames: painted), first and once it no longer says "searching".
  const searchFirst: number[] = [];
  const searchSettled: number[] = [];
  for (const query of QUERIES) {
    await page.fill('.history-search', '');
    await poll('the list reset', async () => ((await page.textContent('.history-count')) === total ? true : undefined));
    const [first, settled] = await page.evaluate(
      (text) =>
        new Promise<[number, number]>((resolve) => {
          const input = document.querySelector<HTMLInputElement>('.history-search');
          const count = document.querySelector('.history-count');
          if (!input || !count) throw new Error('no search box');
          const painted = () =>
            new Promise<number>((done) =>
              requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now()))),
            );
          const started = performance.now();
          let first: Promise<number> | undefined;
          new MutationObserver((_, observer) => {
            first ??= painted();
            if (count.textContent?.includes('searching') || count.textContent?.includes('counting')) return;
            observer.disconnect();
            void Promise.all([first, painted()]).then(([a, b]) => resolve([a - started, b - started]));
          }).observe(count, { childList: true, subtree: true, characterData: true });
          input.value = text;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      query,
    );
    searchFirst.push(first);
    searchSettled.push(settled);
  }
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return { firstRows, counted, searchFirst, searchSettled, heapMb: usedSize / 1024 / 1024 };
}

function print(rows: number, figures: Figures) {
  const ms = (values: number[]) =>
    `${median(values).toFixed(1)} ms median (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`;
  const at = rows.toLocaleString('en-US').padStart(7);
  console.log(`${at} runs: first rows ${figures.firstRows} ms, counted ${figures.counted} ms`);
  console.log(`${at} runs: search first redraw ${ms(figures.searchFirst)}`);
  console.log(`${at} runs: search settled      ${ms(figures.searchSettled)}`);
  console.log(
    `${at} runs: settled by query  ${QUERIES.map((query, i) => `${query}: ${figures.searchSettled[i]?.toFixed(0)} ms`).join(', ')}`,
  );
  console.log(`${at} runs: JS heap ${figures.heapMb.toFixed(1)} MB after GC`);
}

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
  const small = await measure(WRITTEN);
  print(WRITTEN, small);

  await page.goto(`chrome-extension://${extensionId}/bench-log.html`);
  await page.waitForFunction(() => 'benchLog' in window);
  const seeded = await page.evaluate(
    (count) => (window as unknown as { benchLog: BenchLog }).benchLog.seed(count),
    ROWS - WRITTEN,
  );
  console.log(
    `seeded           ${(ROWS - WRITTEN).toLocaleString('en-US')} more runs in ${(seeded / 1000).toFixed(1)} s`,
  );
  const large = await measure(ROWS);
  print(ROWS, large);

  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  console.log(
    `ratio ${ROWS.toLocaleString('en-US')} / ${WRITTEN.toLocaleString('en-US')}: first rows ${ratio(large.firstRows, small.firstRows)}, ` +
      `search first redraw ${ratio(median(large.searchFirst), median(small.searchFirst))}, ` +
      `search settled ${ratio(median(large.searchSettled), median(small.searchSettled))}, ` +
      `heap ${ratio(large.heapMb, small.heapMb)}`,
  );
} finally {
  await browser.close();
}
