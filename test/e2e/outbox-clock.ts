import { type ExtensionBrowser, poll } from './browsers/driver.ts';

/**
 * The e2e build's outbox clock (entrypoints/background/test-clock.ts), driven from an options page: a test moves it
 * over the product's waits instead of waiting them out.
 */

/** `storage.local` as an extension page has it, in either browser. */
type ExtensionStorage = {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
};
/** What the background writes back after a move of its test clock (entrypoints/background/test-clock.ts). */
interface ClockAck {
  seq: number;
  /** The outbox's next wake-up, on its clock; null when nothing waits. */
  nextWake: number | null;
}

let moves = Date.now();
/**
 * Sets the e2e build's outbox clock to the browser's time plus `offsetMs` (from an extension page, `tab`), and
 * answers once the outbox has run what was due then, with its next wake-up. The product's waits are unchanged: the
 * clock jumps over them.
 */
async function moveClock(tab: ExtensionBrowser, offsetMs: number): Promise<ClockAck> {
  const seq = ++moves;
  await tab.evaluateWith(
    async (value) => {
      const api = (globalThis as unknown as { browser?: ExtensionStorage; chrome?: ExtensionStorage }).browser;
      const ext = api ?? (globalThis as unknown as { chrome: ExtensionStorage }).chrome;
      await ext.storage.local.set({ e2eClock: value });
    },
    { offsetMs, seq },
  );
  return poll(`the outbox to run at its clock moved by ${offsetMs} ms`, () =>
    tab.evaluateWith(async (wanted) => {
      const api = (globalThis as unknown as { browser?: ExtensionStorage; chrome?: ExtensionStorage }).browser;
      const ext = api ?? (globalThis as unknown as { chrome: ExtensionStorage }).chrome;
      const ack = (await ext.storage.local.get('e2eClockAck')).e2eClockAck as ClockAck | undefined;
      return ack?.seq === wanted ? ack : undefined;
    }, seq),
  );
}

/** The outbox's test clock, driven from an options page in its own tab; it only ever moves forward. */
export async function outboxClock(browser: ExtensionBrowser) {
  const tab = await browser.newTab();
  await tab.openOptionsPage();
  // Where an earlier test left it.
  let offset = await tab.evaluate(async () => {
    const api = (globalThis as unknown as { browser?: ExtensionStorage; chrome?: ExtensionStorage }).browser;
    const ext = api ?? (globalThis as unknown as { chrome: ExtensionStorage }).chrome;
    const stored = (await ext.storage.local.get('e2eClock')).e2eClock as { offsetMs?: number } | undefined;
    return stored?.offsetMs ?? 0;
  });
  return {
    /** The time on the outbox's clock. */
    now: () => Date.now() + offset,
    /** The outbox's next wake-up on its clock (a move to where it is: the outbox runs nothing new). */
    nextWake: async () => (await moveClock(tab, offset)).nextWake,
    /** Moves the clock just past `time` (on its clock), and waits until the outbox has run what was due. */
    async moveTo(time: number) {
      offset = Math.max(offset, time - Date.now() + 200);
      await moveClock(tab, offset);
    },
    close: () => tab.close(),
  };
}
