import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browsers/chromium.ts';
import { poll, watchForNothing } from './browsers/driver.ts';
import { createActionThroughOptions } from './options-page.ts';
import { type Receiver, startReceiver } from './receiver.ts';

/**
 * A compromised content script: code running in the extension's own isolated world on a PagerDuty page (which
 * only CDP lets a test reach, through the world's execution context) asks the background to preview and send an
 * action made for Opsgenie only, with an incident forged to be Opsgenie's and then PagerDuty's. The background
 * refuses both before rendering anything, and the action's endpoint gets nothing.
 */
const INCIDENT_URL = 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M';
const NOT_HERE = 'This action does not apply to this incident on this site (its conditions do not hold)';
type Chromium = Awaited<ReturnType<typeof launchChromium>>;

describe('a compromised content script', () => {
  let receiver: Receiver;
  let browser: Chromium;
  beforeAll(async () => {
    receiver = await startReceiver();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
  });

  /** The id of the saved action with this label, read from the extension's IndexedDB on the options page. */
  async function actionId(label: string): Promise<string> {
    await browser.openOptionsPage();
    const id = await browser.page.evaluate(async (wanted) => {
      const names = await indexedDB.databases();
      const name = names[0]?.name;
      if (!name) return undefined;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const actions = await new Promise<{ id: string; label: string }[]>((resolve, reject) => {
        const all = db.transaction('actions').objectStore('actions').getAll();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      });
      db.close();
      return actions.find((action) => action.label === wanted)?.id;
    }, label);
    if (!id) throw new Error(`No saved action "${label}"`);
    return id;
  }

  /** Runs `expression` in our content script's isolated world on the open page, and returns its value. */
  async function inContentScript(cdp: CDPSession, contextId: number, expression: string): Promise<unknown> {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  }

  it('gets no preview and no send of an action whose sites exclude the page it runs on', async () => {
    const label = 'Opsgenie only';
    const path = '/hooks/opsgenie-only';
    await createActionThroughOptions(browser, {
      label,
      url: `${receiver.origin}${path}`,
      fillMore: (options) => options.fill('#condition-sites', 'opsgenie'),
    });
    const id = await actionId(label);

    const cdp = await browser.context.newCDPSession(browser.page);
    const worlds = new Map<number, { origin: string; type?: string; frameId?: string }>();
    cdp.on('Runtime.executionContextCreated', ({ context }) =>
      worlds.set(context.id, {
        origin: context.origin,
        type: context.auxData?.type,
        frameId: context.auxData?.frameId,
      }),
    );
    cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => worlds.delete(executionContextId));
    cdp.on('Runtime.executionContextsCleared', () => worlds.clear());
    await cdp.send('Runtime.enable');
    await browser.goto(INCIDENT_URL);
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const world = await poll('our content script world in the incident page', async () => {
      for (const [id, each] of worlds)
        if (
          each.type === 'isolated' &&
          each.frameId === frameTree.frame.id &&
          each.origin.startsWith('chrome-extension://')
        )
          return { id };
      return undefined;
    });

    const incident = (site: string) => ({ site, id: 'Q1DBFULL7X2M', url: INCIDENT_URL, title: 'Forged' });
    const invocation = () => ({ id: crypto.randomUUID(), createdAt: Date.now() });
    const ask = (message: Record<string, unknown>) =>
      inContentScript(cdp, world.id, `chrome.runtime.sendMessage(${JSON.stringify(message)})`) as Promise<{
        ok: boolean;
        error?: string;
        value?: { digest?: string };
      }>;
    const preview = (site: string) =>
      ask({ type: 'previewRequest', actionId: id, incident: incident(site), invocation: invocation() });

    // An incident claiming to be Opsgenie's, sent from a PagerDuty page: the sender check refuses it.
    expect((await preview('opsgenie')).ok).toBe(false);
    // The page's own site, PagerDuty: the action's sites exclude it.
    const previewed = await preview('pagerduty');
    expect(previewed).toEqual({ ok: false, error: NOT_HERE });
    // A send naming the digest a preview would have given (any, when none was given) is refused the same.
    const shown = previewed.value?.digest ?? '0'.repeat(64);
    expect(
      await ask({ type: 'sendAction', actionId: id, incident: incident('pagerduty'), invocation: invocation(), shown }),
    ).toEqual({ ok: false, error: NOT_HERE });
    await watchForNothing(1_000);
    expect(receiver.to(path)).toHaveLength(0);
    await cdp.detach();
  });
});
