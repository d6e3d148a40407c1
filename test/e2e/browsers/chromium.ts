import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Locator, type Page } from 'playwright-core';
import { fixtureResponse, ROUTED_HOSTS } from '../../support/serve.ts';
import { tlsSpkiHash } from '../../support/tls-fixture.ts';
import { e2eBuild } from './build-paths.ts';
import {
  type AccessibleQuery,
  type ExtensionBrowser,
  NoAnswer,
  poll,
  settledClickPoint,
  settledWithin,
  WAIT_MS,
  waitForAccessibleWith,
} from './driver.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface AXNode {
  backendDOMNodeId?: number;
  properties?: { name: string; value: { value?: unknown } }[];
}

type ChromiumDriver = ExtensionBrowser & {
  context: BrowserContext;
  page: Page;
  extensionId: string;
};

export async function launchChromium(
  options: { extensionDir?: string; headless?: boolean; extraArgs?: string[]; profileDir?: string } = {},
): Promise<ChromiumDriver> {
  const extensionDir = options.extensionDir ?? e2eBuild('chrome');
  // A given profile outlives close(), so a test can start the browser again on it (a restart).
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), 'ia-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    viewport: { width: 1280, height: 800 },
    args: [
      ...(options.headless === false ? [] : ['--headless=new']),
      '--no-sandbox',
      '--disable-gpu',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // The test config server's certificate (a team subscription over HTTPS), and no other: honoured beside
      // --user-data-dir, which a persistent context passes.
      `--ignore-certificate-errors-spki-list=${tlsSpkiHash()}`,
      ...(options.extraArgs ?? []),
    ],
  });
  // Playwright's own waits (a locator's click waiting for its element, a navigation) get the same ceiling.
  context.setDefaultTimeout(WAIT_MS);
  await context.route(
    (url) => ROUTED_HOSTS.test(url.hostname),
    async (route) => {
      const answer = fixtureResponse(route.request().url(), await route.request().allHeaders());
      return route.fulfill({
        status: answer.status,
        contentType: answer.contentType,
        body: answer.body,
        headers: answer.headers,
      });
    },
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const driverFor = (page: Page): ChromiumDriver => {
    let cdp: CDPSession | undefined;
    const session = async () => (cdp ??= await context.newCDPSession(page));
    /**
     * A CDP request on the page, under a ceiling: one made while the modal's out-of-process frame comes or goes can
     * stay unanswered for good (seen in CI, hanging a test for its whole timeout). The session is then dropped,
     * and the next request opens a new one.
     */
    async function send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const client = await session();
      try {
        return await settledWithin(client.send(method as 'DOM.getDocument', params) as Promise<T>, 10_000);
      } catch (error) {
        if (error instanceof NoAnswer && cdp === client) {
          cdp = undefined;
          await settledWithin(client.detach(), 1_000).catch(() => undefined);
        }
        throw error;
      }
    }

    async function findNode(query: AccessibleQuery): Promise<AXNode | undefined> {
      const { root } = await send<{ root: { backendNodeId: number } }>('DOM.getDocument', { depth: 0 });
      const { nodes } = (await send('Accessibility.queryAXTree', {
        backendNodeId: root.backendNodeId,
        accessibleName: query.name,
        role: query.role,
      })) as { nodes: AXNode[] };
      return nodes.find((node) => node.backendDOMNodeId !== undefined);
    }
    const mustFind = (query: AccessibleQuery) => poll(`${query.role} "${query.name}"`, () => findNode(query));
    /**
     * The node in a child frame: the modal's questions are an extension page framed in it (AnswerFrame.tsx), out of
     * the page's process, where the page's accessibility tree does not reach; Playwright's frames do.
     */
    async function inFrame(query: AccessibleQuery): Promise<Locator | undefined> {
      // Newest first: a closed modal's frame may still be listed for a moment after it left the page.
      for (const frame of [...page.frames()].reverse()) {
        if (frame === page.mainFrame() || frame.isDetached()) continue;
        const found = frame.getByRole(query.role as 'textbox', { name: query.name, exact: true }).first();
        // A count on a frame going away can hang (it has no timeout of its own): given up on, it is not found.
        const count = await Promise.race([
          found.count(),
          new Promise<number>((resolve) => setTimeout(() => resolve(0), 5_000)),
        ]);
        if (count > 0) return found;
      }
      return undefined;
    }
    const findAnywhere = async (query: AccessibleQuery) => (await findNode(query)) ?? (await inFrame(query));
    async function callOn<T>(
      query: AccessibleQuery,
      functionDeclaration: string,
      args: unknown[] = [],
      awaitPromise = false,
    ): Promise<T> {
      const node = await mustFind(query);
      const { object } = await send<{ object: { objectId?: string } }>('DOM.resolveNode', {
        backendNodeId: node.backendDOMNodeId,
      });
      const { result } = await send<{ result: { value?: unknown } }>('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration,
        arguments: args.map((value) => ({ value })),
        returnByValue: true,
        awaitPromise,
      });
      return result.value as T;
    }

    /** Where a person would click it, once it holds still (the benchmark times only the click itself). */
    const clickPoint = (query: AccessibleQuery) =>
      poll(`${query.role} "${query.name}" settled and clickable`, async () => {
        const at = await callOn<{ x: number; y: number } | null>(
          query,
          `function () { return (${settledClickPoint})(this); }`,
          [],
          true,
        );
        return at ?? undefined;
      });

    return {
      name: 'chromium',
      async newTab() {
        const tab = driverFor(await context.newPage());
        return { ...tab, close: () => tab.page.close() };
      },
      async bringToFront() {
        await page.bringToFront();
      },
      context,
      page,
      extensionId,
      async goto(url) {
        await page.goto(url);
      },
      async openOptionsPage() {
        await page.goto(`chrome-extension://${extensionId}/options.html`);
      },
      fill: (selector, value) => page.locator(selector).fill(value),
      setInputFile: (selector, path) => page.locator(selector).setInputFiles(path),
      select: async (selector, value) => {
        await page.locator(selector).selectOption(value);
      },
      click: (selector) => page.locator(selector).click(),
      textOf: async (selector) => (await page.locator(selector).textContent()) ?? '',
      waitForSelector: async (selector, timeoutMs = WAIT_MS) => {
        await page.locator(selector).first().waitFor({ timeout: timeoutMs });
      },
      evaluate: (fn) => page.evaluate(fn),
      evaluateWith: (fn, arg) => page.evaluate(fn as never, arg) as never,
      press: (key) => page.keyboard.press(key),
      type: (text) => page.keyboard.type(text),
      isAccessible: async (query) => (await findAnywhere(query)) !== undefined,
      async waitForAccessible(query, options) {
        await waitForAccessibleWith(
          findAnywhere,
          async (node) =>
            'isDisabled' in node
              ? node.isDisabled()
              : node.properties?.some((p) => p.name === 'disabled' && p.value.value === true) === true,
          query,
          options,
        );
      },
      async clickAccessible(query) {
        const framed = await poll(`${query.role} "${query.name}"`, async () =>
          (await findNode(query)) ? null : await inFrame(query),
        );
        if (framed) {
          // Playwright's click moves the real mouse onto the element's centre in the page's coordinates. Keys typed
          // next go to the frame only once it holds the focus, which crosses to its process after the click. The
          // field is looked up again each time: the frame found first may be a closed modal's, on its way out.
          await poll('the focus in the framed field', async () => {
            const field = await inFrame(query);
            if (!field) return undefined;
            await field.click({ timeout: 5_000 });
            const focused = await field.evaluate(
              (element) => document.hasFocus() && document.activeElement === element,
              null,
              { timeout: 5_000 },
            );
            return focused ? true : undefined;
          });
          return;
        }
        const point = await clickPoint(query);
        // A person's pointer arrives at the button (the modal's Send counts only a pointer moved onto it).
        await page.mouse.move(point.x - 1, point.y);
        await page.mouse.click(point.x, point.y);
      },
      pointOfAccessible: clickPoint,
      mouseMoveTo: (point) => page.mouse.move(point.x, point.y),
      async mouseDownUp() {
        await page.mouse.down();
        await page.mouse.up();
      },
      async scriptClickAccessible(query, how) {
        // DOM.resolveNode without a context resolves in the page's main world: this is page script.
        await callOn(
          query,
          `function (how) {
        if (how === 'click') this.click();
        else this.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
      }`,
          [how],
        );
      },
      textOfAccessible: (query) => callOn<string>(query, 'function () { return this.textContent; }'),
      async focusedAccessibleName() {
        const { nodes } = (await send('Accessibility.getFullAXTree')) as {
          nodes: (AXNode & { name?: { value?: string }; role?: { value?: string } })[];
        };
        const focused = nodes.find(
          (node) =>
            node.role?.value !== 'RootWebArea' &&
            node.properties?.some((p) => p.name === 'focused' && p.value.value === true),
        );
        return String(focused?.name?.value ?? '');
      },
      async screenshot(path) {
        await page.screenshot({ path });
      },
      async download(start) {
        const [saved] = await Promise.all([page.waitForEvent('download'), start()]);
        const path = await saved.path();
        return { name: saved.suggestedFilename(), text: readFileSync(path, 'utf8') };
      },
      async close() {
        await context.close();
        if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
      },
    };
  };
  return driverFor(context.pages()[0] ?? (await context.newPage()));
}
