import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_API_TOKEN, hasPagerDutyToken, pagerDutyApiAnswer } from '../support/pagerduty-app/api.ts';
import { readFixtureJson } from '../support/site-fixtures.ts';
import { launchChromium } from './browsers/chromium.ts';
import { type ExtensionBrowser, poll, WAIT_MS } from './browsers/driver.ts';
import { type Fault, faultAnswer } from './fault-receiver.ts';
import { createActionThroughOptions } from './options-page.ts';
import { type Receiver, startReceiver } from './receiver.ts';

/**
 * What only Chromium lets a test do to the extension: stop its service worker (CDP
 * `ServiceWorker.stopAllWorkers`) in the middle of a send, and restart the browser on the same profile with
 * a retry pending. Nothing confirmed may be lost or sent twice under another key. Firefox test runs install
 * the extension as a temporary add-on, which a restart removes.
 */
const INCIDENT = 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M';
const PD_API = '/pd-api';
const button = (name: string) => ({ role: 'button', name });
const dialog = (label: string) => ({ role: 'dialog', name: `Run “${label}”?` });
type Chromium = Awaited<ReturnType<typeof launchChromium>>;
/** The one extension API the test reads in the worker (the `chrome` global, untyped in test code). */
type ChromeNotifications = { chrome: { notifications: { getAll(): Promise<Record<string, unknown>> } } };

describe('the outbox in Chromium', () => {
  const profileDir = mkdtempSync(join(tmpdir(), 'ia-outbox-'));
  let receiver: Receiver;
  let browser: Chromium;

  beforeAll(async () => {
    receiver = await startReceiver({
      answer: (request) => {
        if (request.path.startsWith(PD_API) && request.method === 'POST' && request.path.endsWith('/notes')) {
          return hasPagerDutyToken(request.headers)
            ? { status: 201, contentType: 'application/json', body: '{"note":{"id":"PNOTE1"}}' }
            : { status: 401, contentType: 'application/json', body: '{}' };
        }
        if (request.path.startsWith(PD_API)) {
          return pagerDutyApiAnswer(request.path.slice(PD_API.length), hasPagerDutyToken(request.headers));
        }
        return faultAnswer(request, receiver.received, 'http://127.0.0.1:9');
      },
    });
    browser = await launchChromium({ profileDir });
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    rmSync(profileDir, { recursive: true, force: true });
  });

  async function createAction(label: string, fault: Fault, more?: (options: ExtensionBrowser) => Promise<void>) {
    await createActionThroughOptions(browser, {
      label,
      url: `${receiver.origin}/faults/${fault}/${label.replaceAll(' ', '-')}`,
      fillMore: async (options) => {
        await options.fill('#delivery-timeoutSeconds', '2');
        await options.fill('#delivery-maxAttempts', '3');
        await more?.(options);
      },
    });
    return `/faults/${fault}/${label.replaceAll(' ', '-')}`;
  }

  async function clickSend(label: string) {
    await browser.goto(INCIDENT);
    await browser.waitForAccessible(button(label));
    await browser.clickAccessible(button(label));
    await browser.waitForAccessible(button('Send'), { enabled: true });
    await browser.clickAccessible(button('Send'));
  }

  /** Stops the extension's service worker as Chrome does when idle or under memory pressure, and waits. */
  async function stopServiceWorker() {
    const cdp = await browser.context.newCDPSession(browser.page);
    const stopped = new Promise<void>((resolve) =>
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        const ours = versions.filter((version) =>
          version.scriptURL.startsWith(`chrome-extension://${browser.extensionId}/`),
        );
        if (ours.some((version) => version.runningStatus === 'stopped')) resolve();
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
    await cdp.detach();
  }

  const keys = (path: string) => receiver.to(path).map((request) => String(request.headers['idempotency-key']));

  async function finalText(label: string) {
    return poll(
      'the final outcome in the modal',
      async () => {
        const text = await browser.textOfAccessible(dialog(label));
        return /Delivered · |Rejected · |Failed · /.test(text) ? text : undefined;
      },
      WAIT_MS,
      200,
    );
  }

  it('resumes after the worker is stopped in the middle of an attempt: same key, the lost attempt logged', async () => {
    const label = 'Stopped mid attempt';
    const path = await createAction(label, 'hang-then-200');
    await clickSend(label);
    await receiver.waitFor(path, 1);
    await stopServiceWorker();
    // The lease of the lost attempt ends (2 s timeout + 5 s); the alarm starts the worker, which tries again.
    await receiver.waitFor(path, 2);
    expect(new Set(keys(path)).size).toBe(1);
    expect(await finalText(label)).toMatch(/Delivered · HTTP 200 · \d+ ms · 2 attempts/);
    await browser.clickAccessible(button('Close'));
    expect(receiver.to(path)).toHaveLength(2);
    // The history keeps both attempts: the one the stop cut off, and the one that delivered.
    await browser.openOptionsPage();
    await browser.waitForSelector('.history-list .history-row');
    await browser.click('.history-row button');
    await browser.waitForSelector('.run-details');
    const details = await browser.textOf('.run-details');
    expect(details).toContain('Interrupted');
    expect(details).toContain('The browser stopped the extension during this attempt');
  });

  it('resumes after the worker is stopped while it waits to retry, and notifies the end', async () => {
    const label = 'Stopped before retry';
    const path = await createAction(label, '503-then-200');
    await clickSend(label);
    await receiver.waitFor(path, 1);
    await poll('the retry shown', async () =>
      (await browser.textOfAccessible(dialog(label))).includes('Retrying · HTTP 503') ? true : undefined,
    );
    await stopServiceWorker();
    await receiver.waitFor(path, 2);
    expect(new Set(keys(path)).size).toBe(1);
    expect(await finalText(label)).toMatch(/Delivered · HTTP 200 · \d+ ms · 2 attempts/);
    await browser.clickAccessible(button('Close'));
    const worker = await poll('a running worker', async () => browser.context.serviceWorkers()[0]);
    const notices = await poll('the notification', async () => {
      const all = await worker.evaluate(() =>
        (globalThis as unknown as ChromeNotifications).chrome.notifications.getAll(),
      );
      return Object.keys(all).length > 0 ? all : undefined;
    });
    expect(Object.keys(notices)).toContain(keys(path)[0]);
  });

  it('posts the result to the PagerDuty incident as a note, with the saved token', async () => {
    const label = 'Noted restart';
    await createAction(label, '410-always', async (options) => {
      await options.click('#action-post-note');
    });
    await browser.clickAccessible(button('Read PagerDuty incidents through its API with a token…'));
    await browser.fill('#api-pagerduty-base', `${receiver.origin}${PD_API}`);
    await browser.fill('#api-pagerduty-token', E2E_API_TOKEN);
    await browser.clickAccessible(button('Save token'));
    await poll('token saved', async () =>
      (await browser.textOf('main')).includes('Saved the PagerDuty API token ending in 7Qx9') ? true : undefined,
    );
    await clickSend(label);
    const note = await receiver.waitFor(`${PD_API}/incidents/Q1DBFULL7X2M/notes`);
    expect(note.method).toBe('POST');
    expect(note.headers.authorization).toBe(`Token token=${E2E_API_TOKEN}`);
    // From is the token's owner as PagerDuty's /users/me answers, not anything the page shows.
    const owner = readFixtureJson<{ user: { email: string } }>('pagerduty', 'api-users-me.json').user.email;
    expect(note.headers.from).toBe(owner);
    expect(JSON.parse(note.body).note.content).toMatch(
      /^Incident Actions: “Noted restart” rejected \(HTTP 410, 1 attempt/,
    );
    await browser.clickAccessible(button('Close'));
    // The two runs of the tests before, on the same incident, and this one.
    await browser.clickAccessible(button('Runs (3)'));
    expect(await browser.textOfAccessible({ role: 'region', name: 'Runs on this incident' })).toContain(
      'Noted on the incident',
    );
  });

  it('keeps a pending retry across a browser restart and sends it, once, with the same key', async () => {
    const label = 'Survives restart';
    const path = await createAction(label, '503-wait-5-then-200');
    await clickSend(label);
    await receiver.waitFor(path, 1);
    await poll('the retry committed', async () =>
      (await browser.textOfAccessible(dialog(label))).includes('Retrying · HTTP 503') ? true : undefined,
    );
    await browser.close();
    expect(receiver.to(path)).toHaveLength(1);

    browser = await launchChromium({ profileDir });
    await receiver.waitFor(path, 2);
    expect(new Set(keys(path)).size).toBe(1);
    await browser.openOptionsPage();
    await poll('the run final in the history', async () => {
      const text = await browser.textOf('.history-list');
      return /Survives restart[\s\S]*Delivered · HTTP 200 · 2 attempts/.test(text) ? true : undefined;
    });
    expect(receiver.to(path)).toHaveLength(2);
  });
});
