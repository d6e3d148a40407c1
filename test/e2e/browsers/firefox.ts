import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../../lib/core/extension-ids.ts';
import { fixtureResponse, ROUTED_HOSTS } from '../../support/serve.ts';
import { e2eBuild } from './build-paths.ts';
import {
  type AccessibleQuery,
  type ExtensionBrowser,
  poll,
  settledClickPoint,
  WAIT_MS,
  waitForAccessibleWith,
} from './driver.ts';

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Fixed so the test knows the options page's moz-extension:// address. */
export const EXTENSION_UUID = '6f1d9c2a-51b0-4e57-9d3c-0c8a7e4b2f10';

type FirefoxDriver = ExtensionBrowser & { browser: Browser; page: Page };

export async function launchFirefox(options: { extensionDir?: string } = {}): Promise<FirefoxDriver> {
  const extensionDir = options.extensionDir ?? e2eBuild('firefox');
  const profile = mkdtempSync(join(tmpdir(), 'ia-firefox-'));
  // Where downloads land, without asking: Firefox's own prefs (puppeteer has no download event over BiDi).
  const downloads = join(profile, 'downloads');
  mkdirSync(downloads);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profile,
    defaultViewport: { width: 1280, height: 800 },
    // The test config server's self-signed certificate (a team subscription over HTTPS). Firefox has no flag
    // that trusts one key; a policy's Certificates.Install would change every Firefox on the machine.
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // The options page's "New action" flow must not wait on a permission doorhanger nobody can click.
      'extensions.webextensions.restrictedDomains': '',
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
  await browser.installExtension(extensionDir);
  const driverFor = async (page: Page): Promise<FirefoxDriver> => {
    // puppeteer's own waits (a locator's action, waitForFunction, a navigation) get the same ceiling.
    page.setDefaultTimeout(WAIT_MS);
    await page.setRequestInterception(true);
    // A request the page has already given up on (a newer navigation superseded it) cannot be answered;
    // Firefox says "no such request". That is not a test failure, so it is dropped rather than left unhandled.
    const requestGone = () => {};
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      if (!ROUTED_HOSTS.test(new URL(request.url()).hostname)) {
        request.continue().catch(requestGone);
        return;
      }
      const answer = fixtureResponse(request.url(), request.headers());
      request
        .respond({ status: answer.status, contentType: answer.contentType, body: answer.body, headers: answer.headers })
        .catch(requestGone);
    });

    /**
     * The first node under `root` with the query's role and accessible name, by WebDriver BiDi's accessibility
     * locator (browsingContext.locateNodes), asked from here. puppeteer's `::-p-aria()` selector asks the same
     * thing through a page binding that it installs again in every new document of the tab and never removes;
     * each installed copy answers every query, so in a tab that had loaded n documents one query ran n times
     * and the suite's later tests ran several times slower than its first ones.
     */
    async function queryAccessible(root: ElementHandle<Node>, query: AccessibleQuery) {
      // ElementHandle.queryAXTree is what puppeteer's own ARIA query handler calls (internal in its typings).
      const located = (
        root as unknown as { queryAXTree(name: string, role: string): AsyncIterable<ElementHandle<Node>> }
      ).queryAXTree(query.name, query.role);
      for await (const node of located) return node as ElementHandle;
      return undefined;
    }

    /**
     * Firefox's accessibility locator does not descend into closed shadow roots from the document, but
     * WebDriver BiDi serializes every element's shadow root, closed ones included, so the query can start
     * from each shadow host's root.
     */
    async function searchRoots(): Promise<ElementHandle<Node>[]> {
      // Shadow hosts are custom elements nobody defined (`:not(:defined)`), docked anywhere in the page.
      const hosts = await page.$$(':not(:defined)');
      const roots: ElementHandle<Node>[] = [];
      for (const host of hosts) {
        const remote = (host as unknown as { remoteValue(): { value?: { shadowRoot?: unknown } } }).remoteValue();
        const shadowRoot = remote.value?.shadowRoot;
        if (!shadowRoot) continue;
        const handleClass = host.constructor as unknown as {
          from(value: unknown, realm: unknown): ElementHandle<Node>;
        };
        roots.push(handleClass.from(shadowRoot, (host as unknown as { realm: unknown }).realm));
      }
      // The roots are references by the page's shared ids, which own nothing; the hosts' handles are freed.
      await Promise.all(hosts.map((host) => host.dispose()));
      return roots;
    }
    async function findNode(query: AccessibleQuery): Promise<ElementHandle | undefined> {
      for (const root of await searchRoots()) {
        const found = await queryAccessible(root, query);
        if (found) return found;
      }
      // Firefox computes the accessibility tree of the whole page for each ARIA query, which takes seconds
      // on a large options page. The light DOM's buttons, fields and dialogs are named by aria-label, their
      // <label> or their text, so they are found that way first; the ARIA query remains the fallback.
      const light = await page.evaluateHandle(lightDomByRoleAndName, query.role, query.name);
      const element = light.asElement();
      if (element) return element as ElementHandle;
      await light.dispose();
      const document = (await page.evaluateHandle(() => document)) as unknown as ElementHandle<Node>;
      try {
        return await queryAccessible(document, query);
      } finally {
        await document.dispose();
      }
    }
    /**
     * A labelled field in a child frame, with the frame's offset in the page: the modal's questions are an extension
     * page framed in our shadow root (AnswerFrame.tsx), which the page's accessibility locator does not enter.
     */
    async function inFrame(query: AccessibleQuery) {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const handle = await frame.evaluateHandle(lightDomByRoleAndName, query.role, query.name).catch(() => undefined);
        const element = handle?.asElement();
        if (element) return { element: element as ElementHandle, url: frame.url() };
        await handle?.dispose();
      }
      return undefined;
    }
    /** Where the frame that holds `url` sits in the page: its iframe is in one of our shadow roots. */
    async function frameOffset(url: string): Promise<{ x: number; y: number }> {
      for (const root of await searchRoots()) {
        const at = await root.evaluate((node, wanted) => {
          const frames = [...(node as ShadowRoot).querySelectorAll('iframe')];
          const frame = frames.find((each) => each.src === wanted) ?? frames[0];
          if (!frame) return null;
          const box = frame.getBoundingClientRect();
          return { x: box.x + frame.clientLeft, y: box.y + frame.clientTop };
        }, url);
        if (at) return at;
      }
      throw new Error(`No frame in our shadow roots for ${url}`);
    }
    /**
     * Runs `use` on the node, then frees its handle. WebDriver BiDi keeps what an evaluate answered alive in
     * the page's realm until it is disowned, so every probe of every poll left its nodes held for as long as
     * the document lived: on a page kept open for hundreds of sends (scripts/soak-firefox.ts), thousands.
     */
    async function withNode<T>(query: AccessibleQuery, use: (node: ElementHandle) => Promise<T>): Promise<T> {
      const node = await poll(`${query.role} "${query.name}"`, () => findNode(query));
      try {
        return await use(node);
      } finally {
        await node.dispose();
      }
    }
    /** Where a person would click it, once it holds still. */
    const clickPoint = (query: AccessibleQuery) =>
      poll(`${query.role} "${query.name}" settled and clickable`, async () => {
        const at = await withNode(query, (node) => node.evaluate(settledClickPoint));
        return at ?? undefined;
      });

    return {
      name: 'firefox',
      async newTab() {
        const tab = await driverFor(await browser.newPage());
        return { ...tab, close: () => tab.page.close() };
      },
      async bringToFront() {
        await page.bringToFront();
      },
      browser,
      page,
      async goto(url) {
        await page.goto(url);
      },
      async openOptionsPage() {
        // WebDriver BiDi will not navigate to moz-extension:// directly; a page may (see wxt.config.ts).
        const optionsUrl = `moz-extension://${EXTENSION_UUID}/options.html`;
        // The e2e build makes options.html reachable from PagerDuty pages only (wxt.config.ts).
        if (!/(^|\.)pagerduty\.com$/.test(new URL(page.url()).hostname)) await page.goto('https://acme.pagerduty.com/');
        await page.evaluate((url) => {
          location.href = url;
        }, optionsUrl);
        await page.waitForFunction(() => location.protocol === 'moz-extension:' && document.readyState === 'complete');
      },
      fill: async (selector, value) => {
        if (value !== '') return page.locator(selector).fill(value);
        // puppeteer's fill('') empties the value without an input event; clear it as a person does instead.
        await page.locator(selector).click();
        await page.keyboard.down('Control');
        await page.keyboard.press('a');
        await page.keyboard.up('Control');
        await page.keyboard.press('Backspace');
      },
      setInputFile: async (selector, path) => {
        const input = await page.waitForSelector(selector);
        // WebDriver BiDi's input.setFiles: the file picker's result, with its change event.
        await (input as ElementHandle<HTMLInputElement>).uploadFile(path);
      },
      select: async (selector, value) => {
        await page.select(selector, value);
      },
      click: (selector) => page.locator(selector).click(),
      textOf: (selector) => page.$eval(selector, (element) => element.textContent ?? ''),
      waitForSelector: async (selector, timeoutMs = WAIT_MS) => {
        await page.waitForSelector(selector, { timeout: timeoutMs });
      },
      evaluate: (fn) => page.evaluate(fn),
      evaluateWith: (fn, arg) => page.evaluate(fn as never, arg) as never,
      // Known limit: headless Firefox 153 over BiDi delivers Enter/Space key events (page listeners see them)
      // but does not activate a focused <button> with them, on any page. Escape and Tab work.
      press: (key) => page.keyboard.press(key),
      type: (text) => page.keyboard.type(text),
      async isAccessible(query) {
        const node = (await findNode(query)) ?? (await inFrame(query))?.element;
        await node?.dispose();
        return node !== undefined;
      },
      async waitForAccessible(query, options) {
        // Each probe reads the state and frees the node's handle (see withNode).
        const probe = async (wanted: AccessibleQuery) => {
          const node = (await findNode(wanted)) ?? (await inFrame(wanted))?.element;
          if (!node) return undefined;
          try {
            return { disabled: await node.evaluate((element) => (element as HTMLButtonElement).disabled) };
          } finally {
            await node.dispose();
          }
        };
        await waitForAccessibleWith(probe, async (state) => state.disabled, query, options);
      },
      async clickAccessible(query) {
        const framed = await poll(`${query.role} "${query.name}"`, async () => {
          const node = await findNode(query);
          await node?.dispose();
          return node ? null : await inFrame(query);
        });
        const point = framed
          ? await poll(`${query.role} "${query.name}" settled in its frame`, async () => {
              const inside = await framed.element.evaluate(settledClickPoint);
              if (!inside) return undefined;
              const offset = await frameOffset(framed.url);
              return { x: offset.x + inside.x, y: offset.y + inside.y };
            })
          : await clickPoint(query);
        // A person's pointer arrives at the button (the modal's Send counts only a pointer moved onto it).
        await page.mouse.move(point.x - 1, point.y);
        await page.mouse.click(point.x, point.y);
        // Keys typed next go to the frame only once it holds the focus (headless Firefox never has window focus).
        if (framed)
          await poll('the focus in the framed field', async () =>
            (await framed.element.evaluate((element) => document.activeElement === element)) ? true : undefined,
          );
      },
      pointOfAccessible: clickPoint,
      mouseMoveTo: (point) => page.mouse.move(point.x, point.y),
      async mouseDownUp() {
        await page.mouse.down();
        await page.mouse.up();
      },
      async scriptClickAccessible(query, how) {
        await withNode(query, (node) =>
          node.evaluate((element, how) => {
            if (how === 'click') (element as HTMLElement).click();
            else element.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
          }, how),
        );
      },
      textOfAccessible: (query) => withNode(query, (node) => node.evaluate((element) => element.textContent ?? '')),
      async focusedAccessibleName() {
        for (const root of await searchRoots()) {
          const name = await root.evaluate((node) => (node as ShadowRoot).activeElement?.textContent ?? '');
          if (name) return name;
        }
        // Nothing focused (focus on the body, or in the browser's own UI) reads as ''.
        return page.evaluate(() => {
          const active = document.activeElement;
          return active && active !== document.body ? (active.textContent ?? '') : '';
        });
      },
      async screenshot(path) {
        await page.screenshot({ path });
      },
      async download(start) {
        const before = new Set(readdirSync(downloads));
        await start();
        // Firefox creates an empty placeholder under the final name, writes a `.part` file beside it, and
        // moves that over the placeholder when the download is complete.
        const name = await poll('the downloaded file', async () => {
          const files = readdirSync(downloads).filter((file) => !before.has(file));
          if (files.some((file) => file.endsWith('.part'))) return undefined;
          return files.find((file) => statSync(join(downloads, file)).size > 0);
        });
        return { name, text: readFileSync(join(downloads, name), 'utf8') };
      },
      async close() {
        await browser.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  };
  return driverFor((await browser.pages())[0] ?? (await browser.newPage()));
}

/** Runs in the page: a visible light-DOM element of that role whose accessible name is `name`, or null. */
function lightDomByRoleAndName(role: string, name: string): Element | null {
  const selectors: Record<string, string> = {
    button: 'button, [role="button"], input[type="button"], input[type="submit"], summary',
    textbox: 'input:not([type]), input[type="text"], input[type="url"], input[type="password"], textarea',
    dialog: 'dialog, [role="dialog"]',
  };
  const selector = selectors[role];
  if (!selector) return null;
  const collapse = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  for (const element of document.querySelectorAll(selector)) {
    const labelled = (element as HTMLInputElement).labels?.[0]?.textContent;
    const accessibleName = element.getAttribute('aria-label') ?? (labelled || element.textContent);
    if (collapse(accessibleName) === name && element.checkVisibility()) return element;
  }
  return null;
}
