/**
 * What a test does in a browser, the same for Chromium (playwright-core + CDP) and Firefox ESR
 * (puppeteer-core over WebDriver BiDi). The extension's UI lives in a closed shadow root that no DOM
 * selector reaches, so the tests find it as a screen reader does, through the accessibility tree, and
 * click it with the real mouse at its position.
 */
export interface Point {
  x: number;
  y: number;
}

export interface AccessibleQuery {
  role: string;
  name: string;
}

export interface ExtensionBrowser {
  readonly name: 'chromium' | 'firefox';
  /** Navigates the test tab; PagerDuty URLs are answered with fixture pages, nothing leaves the machine. */
  goto(url: string): Promise<void>;
  openOptionsPage(): Promise<void>;

  /** Light-DOM helpers on the current page. */
  fill(selector: string, value: string): Promise<void>;
  /** Chooses a file in an `<input type="file">`, as the file picker would. */
  setInputFile(selector: string, path: string): Promise<void>;
  select(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  textOf(selector: string): Promise<string>;
  waitForSelector(selector: string, timeoutMs?: number): Promise<void>;
  /** Runs a function in the page's own JavaScript world, as page script would. */
  evaluate<T>(fn: () => T): Promise<T>;
  /** The same, with one serializable argument (the function is sent as source: it cannot close over anything). */
  evaluateWith<A, T>(fn: (arg: A) => T, arg: A): Promise<Awaited<T>>;
  press(key: 'Escape' | 'Enter' | 'Tab' | 'End'): Promise<void>;
  /** Types text with the keyboard into whatever has focus (e.g. a field in our shadow root, clicked first). */
  type(text: string): Promise<void>;

  /** Accessibility-tree helpers that reach into closed shadow roots. */
  isAccessible(query: AccessibleQuery): Promise<boolean>;
  waitForAccessible(
    query: AccessibleQuery,
    options?: { enabled?: boolean; disabled?: boolean; gone?: boolean; timeoutMs?: number },
  ): Promise<void>;
  /** A person's click: the real mouse moves onto the element's centre and clicks there. */
  clickAccessible(query: AccessibleQuery): Promise<void>;
  /** The viewport point at the element's centre, once it holds still (see settledClickPoint). */
  pointOfAccessible(query: AccessibleQuery): Promise<Point>;
  /** Moves the real mouse to a viewport point, in one move event. */
  mouseMoveTo(point: Point): Promise<void>;
  /** A real mouse button press and release wherever the mouse is now, with no move before it. */
  mouseDownUp(): Promise<void>;
  /** Page script clicking the element: `el.click()` or `el.dispatchEvent(new MouseEvent('click'))`. */
  scriptClickAccessible(query: AccessibleQuery, how: 'click' | 'dispatchEvent'): Promise<void>;
  textOfAccessible(query: AccessibleQuery): Promise<string>;
  /** The element that has keyboard focus, seen through shadow roots. */
  focusedAccessibleName(): Promise<string>;

  screenshot(path: string): Promise<void>;
  /** Runs `start` (a click that downloads a file, as an export does) and answers the file the browser saved. */
  download(start: () => Promise<void>): Promise<SavedFile>;
  /** Another tab in the same browser, driven the same way; its close() closes only that tab. */
  newTab(): Promise<ExtensionBrowser>;
  /** Makes this tab the active one, as a person switching tabs does. */
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

interface SavedFile {
  /** The file name the browser chose (the page's `download` attribute). */
  name: string;
  text: string;
}

/**
 * How long any wait for a state gives up after: a ceiling, not a clock. Every wait returns as soon as the
 * state is reached, so a healthy run is no slower for it; it only bounds how long a broken one takes to say
 * what it was waiting for. Generous because the CI's 2 cores are shared, and a loaded machine once took
 * over 10 s for steps that take a fraction of one when idle.
 */
export const WAIT_MS = 60_000;

/**
 * Calls `fn` until it answers something other than undefined (or stops throwing), and answers that. A call that
 * never settles (a protocol request to a frame going away) counts as no answer once the time is up, so the wait
 * ends with its own message instead of hanging the test.
 */
export async function poll<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = WAIT_MS,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await settledWithin(fn(), Math.max(deadline - Date.now(), 1_000)).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A call that did not settle in the time it was given. */
export class NoAnswer extends Error {}

/** `promise`, or a NoAnswer rejection once `ms` have passed without it settling. */
export function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * How long a test watches for something that must NOT happen (a request sent, a modal opened) before it
 * asserts that it did not. The one fixed wait these tests keep, because there is no state to wait for: a
 * slower machine can only make such a check pass wrongly (the thing came later), never fail wrongly.
 */
const WATCH_MS = 1_000;

/** Lets `ms` go by, for a check that something did NOT happen in that time (see WATCH_MS). */
export function watchForNothing(ms = WATCH_MS): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface WaitOptions {
  enabled?: boolean;
  disabled?: boolean;
  gone?: boolean;
  timeoutMs?: number;
}

/** `waitForAccessible`, given how a browser finds a node and tells whether it is disabled. */
export function waitForAccessibleWith<N>(
  find: (query: AccessibleQuery) => Promise<N | undefined>,
  isDisabled: (node: N) => Promise<boolean>,
  query: AccessibleQuery,
  { enabled, disabled, gone, timeoutMs }: WaitOptions = {},
): Promise<true> {
  const state = gone ? ' to go' : enabled ? ' to be enabled' : disabled ? ' to be disabled' : '';
  return poll(
    `${query.role} "${query.name}"${state}`,
    async () => {
      const node = await find(query);
      if (gone) return node ? undefined : true;
      if (!node) return undefined;
      if (disabled) return (await isDisabled(node)) ? true : undefined;
      return enabled && (await isDisabled(node)) ? undefined : true;
    },
    timeoutMs,
  );
}

/**
 * Runs on the element in the page: scrolls it into view, then answers the viewport point at its centre
 * once its box has held still for two frames and a click there would land on it, or null. A person waits
 * for the page to settle before clicking; a test that clicks a box measured before a late render shifted
 * the layout hits whatever moved under the pointer instead.
 */
export async function settledClickPoint(element: Element): Promise<{ x: number; y: number } | null> {
  element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const before = element.getBoundingClientRect();
  await frame();
  await frame();
  const after = element.getBoundingClientRect();
  if (after.width === 0 || after.height === 0) return null;
  if (before.x !== after.x || before.y !== after.y || before.width !== after.width) return null;
  const x = after.x + after.width / 2;
  const y = after.y + after.height / 2;
  // A shadow root answers within its own tree, so this sees our closed-shadow UI as it is.
  const root = element.getRootNode() as Document | ShadowRoot;
  const hit = root.elementFromPoint(x, y);
  return hit && (hit === element || element.contains(hit)) ? { x, y } : null;
}
