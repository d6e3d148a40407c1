/**
 * Main-thread time the extension adds to a heavy incident page, printed as figures (no pass/fail).
 *
 * The page is the fixture PagerDuty app (lib/sites/pagerduty/fixtures/incident.html) with a long incident timeline
 * (ROWS rows, a few elements each) served at https://acme.pagerduty.com/incidents/Q1DBFULL7X2M. Two Chromium
 * instances with the same flags, one with the e2e build of the extension and one action (so the buttons dock
 * in the page), one without any extension, load it in a fresh tab per run, alternately. Per run, the page
 * renderer's main-thread time comes from CDP Performance.getMetrics (TaskDuration, ScriptDuration,
 * V8CompileDuration, RecalcStyleDuration, LayoutDuration), read at the same settle point in both: SETTLE_MS
 * after the navigation started, with the page loaded and, with the extension, the buttons drawn in the dock
 * (both browsers poll the dock the same way until then). Medians over RUNS runs.
 * Usage: node scripts/bench-main-thread.ts [--runs N] [--rows N] [--settle-ms N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../test/e2e/browsers/chromium.ts';
import { createActionThroughOptions } from '../test/e2e/options-page.ts';
import { pagerDutyPage } from '../test/support/pagerduty-app/incidents.ts';

const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const RUNS = flag('--runs', 10);
const ROWS = flag('--rows', 5_000);
const SETTLE_MS = flag('--settle-ms', 4_000);
const INCIDENT = 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M';
const LABEL = 'Restart server';

/** The fixture app plus a long timeline: the kind of page a long-running incident grows into. */
function heavyIncidentPage(rows: number): string {
  const kinds = ['Triggered', 'Acknowledged', 'Escalated', 'Note added', 'Alert grouped', 'Status update'];
  const who = ['alice', 'bob', 'carol', 'dave', 'PagerDuty', 'Datadog'];
  const entries = Array.from({ length: rows }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
    return `<li class="entry"><time datetime="${at}">${at.slice(11, 19)}</time><span class="kind">${kinds[i % kinds.length]}</span><strong>${who[i % who.length]}</strong><p>Entry ${i}: disk /var/lib/postgresql at ${50 + (i % 50)}% on db-prod-${i % 7}, <a href="#e${i}">details</a></p></li>`;
  }).join('');
  const timeline = `<section class="timeline"><h2>Timeline</h2><style>
    .timeline { margin-top: 16px; background: #fff; border: 1px solid #d8dde3; border-radius: 8px; padding: 16px 20px; }
    .timeline ol { list-style: none; margin: 0; padding: 0; }
    .entry { display: grid; grid-template-columns: 80px 120px 100px 1fr; gap: 8px; padding: 4px 0; border-bottom: 1px solid #eef0f2; }
    .entry:nth-child(odd) { background: #fafbfc; }
    .entry p { margin: 0; }
  </style><ol>${entries}</ol></section>`;
  return pagerDutyPage().replace('</main>', `${timeline}</main>`);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Durations (reported by CDP in seconds, shown in ms), then counts. */
const DURATIONS = ['TaskDuration', 'ScriptDuration', 'V8CompileDuration', 'RecalcStyleDuration', 'LayoutDuration'];
const COUNTS = ['RecalcStyleCount', 'LayoutCount'];
type Figures = Record<string, number>;

/**
 * Whether our host is drawn in the actions row: one cheap lookup, the same work with and without (the row's
 * last element is measured either way, our host or the page's own last button).
 */
const docked = () => {
  const last = document.getElementById('actionsButtonsRow')?.lastElementChild;
  const drawn = (last?.getBoundingClientRect().width ?? 0) > 0;
  return drawn && last?.tagName.startsWith('IA-') === true;
};

async function measure(context: BrowserContext): Promise<{ figures: Figures; dockedAfter?: number; nodes: number }> {
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const started = performance.now();
  await page.goto(INCIDENT, { waitUntil: 'load' });
  let dockedAfter: number | undefined;
  // Polled until the settle point on both sides alike, so the polling costs them the same.
  while (performance.now() - started < SETTLE_MS) {
    const drawn = await page.evaluate(docked);
    if (drawn && dockedAfter === undefined) dockedAfter = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { metrics } = await cdp.send('Performance.getMetrics');
  const figures = Object.fromEntries(
    [...DURATIONS, ...COUNTS].map((name) => {
      const value = metrics.find((m) => m.name === name)?.value ?? Number.NaN;
      return [name, DURATIONS.includes(name) ? value * 1000 : value];
    }),
  );
  const nodes = metrics.find((m) => m.name === 'Nodes')?.value ?? Number.NaN;
  await page.close();
  return { figures, dockedAfter, nodes };
}

const page = heavyIncidentPage(ROWS);
const serveHeavyPage = (context: BrowserContext) =>
  // Registered after launchChromium's own fixture route, so it answers first.
  context.route('https://acme.pagerduty.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page }),
  );

const withExtension = await launchChromium();
await createActionThroughOptions(withExtension, { label: LABEL, url: 'http://127.0.0.1:9/bench/{{incident.id}}' });
await serveHeavyPage(withExtension.context);

// The same flags as launchChromium (test/e2e/browsers/chromium.ts), without the extension.
const profile = mkdtempSync(join(tmpdir(), 'ia-chromium-bare-'));
const without = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM_PATH,
  headless: false,
  viewport: { width: 1280, height: 800 },
  args: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});
await serveHeavyPage(without);

// One unmeasured load each, so neither side pays for a cold cache in its first figure.
await measure(withExtension.context);
await measure(without);

const runs: { with: Figures; without: Figures }[] = [];
const dockedAfter: number[] = [];
let nodes = 0;
for (let run = 0; run < RUNS; run++) {
  // Alternated, so drift in the machine's load falls on both sides alike.
  const a = await measure(withExtension.context);
  const b = await measure(without);
  if (a.dockedAfter === undefined) {
    throw new Error(`Buttons not docked within ${SETTLE_MS} ms after navigation: raise --settle-ms`);
  }
  if (b.dockedAfter !== undefined) throw new Error('Our host showed up in the browser without the extension');
  dockedAfter.push(a.dockedAfter);
  nodes = b.nodes;
  runs.push({ with: a.figures, without: b.figures });
}

const range = (values: number[]) => `${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)}`;
console.log('Main-thread time on a heavy incident page, with and without Incident Actions (Chromium)');
console.log(
  `${ROWS} timeline rows (${nodes} DOM nodes after load without the extension), medians of ${RUNS} runs, read ${SETTLE_MS} ms after navigation start`,
);
console.log(`buttons docked and drawn after ${median(dockedAfter).toFixed(0)} ms (range ${range(dockedAfter)} ms)`);
console.log('each figure: median (min-max); difference: median with - median without\n');
const pad = (text: string, width: number) => text.padStart(width);
console.log(`${'metric'.padEnd(20)}${pad('without', 24)}${pad('with', 24)}${pad('difference', 13)}`);
for (const name of [...DURATIONS, ...COUNTS]) {
  const unit = DURATIONS.includes(name) ? ' ms' : '';
  const show = (value: number) => `${value.toFixed(unit ? 1 : 0)}${unit}`;
  const w = runs.map((run) => run.with[name] ?? Number.NaN);
  const o = runs.map((run) => run.without[name] ?? Number.NaN);
  const difference = median(w) - median(o);
  console.log(
    `${name.padEnd(20)}${pad(`${show(median(o))} (${range(o)})`, 24)}${pad(`${show(median(w))} (${range(w)})`, 24)}${pad(`${difference >= 0 ? '+' : ''}${show(difference)}`, 13)}`,
  );
}

await withExtension.close();
await without.close();
rmSync(profile, { recursive: true, force: true });
