import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureIncidentId } from '../support/pagerduty-app/incidents.ts';
import { launchChromium } from './browsers/chromium.ts';
import { type ExtensionBrowser, poll } from './browsers/driver.ts';
import { launchFirefox } from './browsers/firefox.ts';
import { createActionThroughOptions } from './options-page.ts';

/**
 * Soak: a responder keeps one PagerDuty tab open and walks from incident to incident, and to the list, without
 * a page load. After 100 such in-page navigations the page must hold exactly one of our shadow hosts, in the
 * right place, the button must still work, and (Chromium, through CDP) nothing may pile up per navigation:
 * no event listeners, no DOM nodes, no removed host kept alive.
 *
 * The fixture app (lib/sites/pagerduty/fixtures/incident.html) renders a fresh actions row for every incident,
 * taking our docked host away with the old one; the incident without a row (Q3HOSTILE0ZZ) makes the buttons
 * float (after the 2 s anchor wait, by design); the list (/incidents) must take them away. The cycle walks
 * every one of those transitions and ends where it starts (START, docked), so the figures taken after the
 * warm-up and after 100 more navigations are taken in the same state.
 */

const LABEL = 'Soak action';
const actionButton = { role: 'button', name: LABEL };
const dialog = { role: 'dialog', name: `Run “${LABEL}”?` };
const START: FixtureIncidentId = 'Q1DBFULL7X2M';

type Stop = FixtureIncidentId | 'list';
/** From START: docked→docked (Q1→Q2, Q2→Q1), docked→floating, floating→docked, docked→list, list→floating, floating→list, list→docked. */
const CYCLE: readonly Stop[] = [
  'Q2CPUHOT9K4L',
  'Q3HOSTILE0ZZ',
  'Q1DBFULL7X2M',
  'list',
  'Q3HOSTILE0ZZ',
  'list',
  'Q2CPUHOT9K4L',
  'Q1DBFULL7X2M',
  'Q2CPUHOT9K4L',
  'Q1DBFULL7X2M',
];
const WARM_UP = CYCLE.length;
const SOAK = 100;

interface Host {
  tag: string;
  connected: boolean;
  /** The id of the element it sits in, else that element's tag name. */
  parent: string;
}

/**
 * Our shadow hosts in the document, as page script sees them: undefined custom elements named IA-…. Each one
 * seen is also remembered in the page's own world through a WeakRef, so that Chromium can tell, after a
 * forced garbage collection, whether hosts since removed are still kept alive by anyone.
 */
function hostsInDocument(browser: ExtensionBrowser): Promise<Host[]> {
  return browser.evaluate(() => {
    const page = window as unknown as { __soakSeen?: Map<string, WeakRef<Element>> };
    page.__soakSeen ??= new Map();
    const seen = page.__soakSeen;
    const hosts = [...document.querySelectorAll(':not(:defined)')].filter((el) => el.tagName.startsWith('IA-'));
    for (const host of hosts) if (!seen.has(host.tagName)) seen.set(host.tagName, new WeakRef(host));
    return hosts.map((host) => ({
      tag: host.tagName,
      connected: host.isConnected,
      parent: host.parentElement?.id || host.parentElement?.tagName || '',
    }));
  });
}

/** Clicks the fixture app's own link, then waits until our UI has settled for what the app shows. */
async function visit(browser: ExtensionBrowser, stop: Stop): Promise<Host[]> {
  await browser.click(stop === 'list' ? 'a[href="/incidents"]' : `a[href="/incidents/${stop}"]`);
  if (stop === 'list') {
    // Our button only lives in one of our hosts: with none left in the document, it is gone.
    await poll('no host on the incident list', async () =>
      (await hostsInDocument(browser)).length === 0 ? true : undefined,
    );
  } else {
    // The button alone would not do: after Q3→Q1 the floating one is still there for a moment, until the
    // content script docks the buttons in the new row.
    const where = stop === 'Q3HOSTILE0ZZ' ? 'BODY' : 'actionsButtonsRow';
    await poll(`our host in ${where} on ${stop}`, async () =>
      (await hostsInDocument(browser)).some((host) => host.parent === where) ? true : undefined,
    );
    await browser.waitForAccessible(actionButton);
  }
  return hostsInDocument(browser);
}

/**
 * Creates the action, opens START, and walks WARM_UP then SOAK navigations, calling `afterCycle` after each
 * CYCLE (back on START). Returns the settled steps where the number of hosts in the document was not the
 * expected one (one on an incident, none on the list); then checks the end state and that the button works.
 */
async function soak(
  browser: ExtensionBrowser,
  afterCycle: (navigations: number) => Promise<void>,
): Promise<{ step: number; stop: Stop; hosts: Host[] }[]> {
  await createActionThroughOptions(browser, { label: LABEL, url: 'http://127.0.0.1:9/soak' });
  await browser.goto(`https://acme.pagerduty.com/incidents/${START}`);
  await browser.waitForAccessible(actionButton);
  const wrongCounts = [];
  for (let step = 1; step <= WARM_UP + SOAK; step++) {
    const stop = CYCLE[(step - 1) % CYCLE.length] as Stop;
    const hosts = await visit(browser, stop);
    if (hosts.length !== (stop === 'list' ? 0 : 1)) wrongCounts.push({ step, stop, hosts });
    if (step % CYCLE.length === 0) await afterCycle(step);
  }

  // Back on START: exactly one host, connected, and it is the last child of the current actions row.
  const hosts = await hostsInDocument(browser);
  expect(hosts).toHaveLength(1);
  expect(hosts[0]).toMatchObject({ connected: true, parent: 'actionsButtonsRow' });
  expect(await browser.evaluate(() => document.getElementById('actionsButtonsRow')?.lastElementChild?.tagName)).toBe(
    hosts[0]?.tag,
  );

  // Still working: a person's click opens the modal for the incident on screen; Cancel closes it.
  await browser.clickAccessible(actionButton);
  await browser.waitForAccessible(dialog);
  await poll('the modal to show the incident on screen', async () =>
    (await browser.textOfAccessible(dialog)).includes(START) ? true : undefined,
  );
  await browser.clickAccessible({ role: 'button', name: 'Cancel' });
  await browser.waitForAccessible(dialog, { gone: true });
  expect(await hostsInDocument(browser)).toHaveLength(1);
  return wrongCounts;
}

describe('soak in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /**
   * What CDP measures, after two forced collections (the first may only free the wrappers that keep DOM
   * nodes alive for the second). Blink's instance counters (Performance.getMetrics: JSEventListeners, Nodes,
   * Documents) count the whole renderer process, so the content script's isolated world is in them, not only
   * the page's main world; Runtime.getHeapUsage is the V8 isolate both worlds share (usedSize, the same
   * figure as JSHeapUsedSize) and Blink's DOM heap (embedderHeapUsedSize). The extension's service worker
   * and options page run in other processes and are not counted.
   */
  async function measure(cdp: CDPSession) {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    const heap = await cdp.send('Runtime.getHeapUsage');
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: `(() => {
        const refs = [...(window.__soakSeen ?? new Map()).values()];
        return [refs.length, refs.filter((ref) => ref.deref() && !ref.deref().isConnected).length];
      })()`,
      returnByValue: true,
    });
    const [hostsSeen, removedHostsAlive] = result.value as [number, number];
    return {
      listeners: metric('JSEventListeners'),
      nodes: metric('Nodes'),
      documents: metric('Documents'),
      jsHeapKB: Math.round(heap.usedSize / 1024),
      domHeapKB: Math.round(heap.embedderHeapUsedSize / 1024),
      /** Distinct hosts the page has seen in its document so far. */
      hostsSeen,
      /** Of those, the ones no longer in the document but still alive after the collections. */
      removedHostsAlive,
    };
  }

  it('nothing leaks after 100 in-page navigations', { timeout: 300_000 }, async () => {
    const cdp = await browser.context.newCDPSession(browser.page);
    await cdp.send('Performance.enable');
    const samples = new Map<number, Awaited<ReturnType<typeof measure>>>();
    const wrongCounts = await soak(browser, async (navigations) => {
      samples.set(navigations, await measure(cdp));
    });
    console.log('soak in Chromium, after n in-page navigations:');
    console.table(Object.fromEntries(samples));

    expect(wrongCounts).toStrictEqual([]);
    const warm = samples.get(WARM_UP);
    const soaked = samples.get(WARM_UP + SOAK);
    if (!warm || !soaked) throw new Error('figures missing');
    expect.soft(soaked.documents, 'documents').toBe(warm.documents);
    expect.soft(soaked.removedHostsAlive, 'removed hosts still alive after GC').toBe(0);
    // Bounds: on builds without a leak both counts came back exactly to the warm-up figures (26 listeners,
    // 86 nodes; five runs, delta 0 each time), and the cycle mounts or moves our host 8 times per 10
    // navigations. So a leak of one listener or node per mount shows as +80 or more, and even one per
    // 10-navigation cycle as +10; 9 leaves room for one-off lazy allocations only. (With the content
    // script of commit 73d8058, which re-created the host per incident, this measured +320 listeners and
    // +820 nodes, and 87 removed hosts alive.)
    expect.soft(soaked.listeners - warm.listeners, 'event listeners added over 100 navigations').toBeLessThanOrEqual(9);
    expect.soft(soaked.nodes - warm.nodes, 'DOM nodes added over 100 navigations').toBeLessThanOrEqual(9);
    // The heaps only get loose bounds, as they move on leak-free builds too: over these 100 navigations the
    // JS heap grew 114-140 KB (five runs; the fixture page alone, without the extension, grows ~0.5 KB per
    // navigation, slowing down), and Blink's DOM heap grew 450-546 KB, but over a 270-navigation run it swung
    // between 0.5 and 1 MB with no trend (unswept or fragmented pages, not live objects: the counts stay put).
    // These bounds catch a leak of 10-20 KB per navigation, such as an old incident's DOM kept alive each
    // time; smaller leaks are the counts' job.
    expect.soft(soaked.jsHeapKB - warm.jsHeapKB, 'JS heap growth (KB)').toBeLessThanOrEqual(1024);
    expect.soft(soaked.domHeapKB - warm.domHeapKB, 'DOM heap growth (KB)').toBeLessThanOrEqual(2048);
  });
});

describe('soak in Firefox', () => {
  let browser: Awaited<ReturnType<typeof launchFirefox>>;
  beforeAll(async () => {
    browser = await launchFirefox();
  });
  afterAll(async () => {
    await browser?.close();
  });

  // WebDriver BiDi has no forced garbage collection and no heap counters: the document-level checks only.
  it('keeps exactly one working host after 100 in-page navigations', { timeout: 300_000 }, async () => {
    expect(await soak(browser, async () => {})).toStrictEqual([]);
  });
});
