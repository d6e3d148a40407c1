import { browser } from 'wxt/browser';

declare global {
  interface ImportMetaEnv {
    /** True in the end-to-end tests' build only (IA_E2E=1, wxt.config.ts); the store build drops what it guards. */
    readonly IA_E2E?: boolean;
  }
}

/** What a test writes to `storage.local` to set the outbox's clock: an offset, and a number naming the write. */
const SET_KEY = 'e2eClock';
/** What the background writes back once it has run what was due at that time: the write's number, the next wake. */
const ACK_KEY = 'e2eClockAck';

export interface OutboxClock {
  now: () => number;
  /** A time on this clock as the browser's own clock has it (alarms run on the browser's). */
  toBrowserTime: (time: number) => number;
}

/**
 * The outbox's clock in the end-to-end tests' build: the browser's time plus an offset a test sets, so a test sees
 * attempts 20 minutes apart without waiting 20 minutes, and without changing the schedule (the waits are the
 * product's; the test moves the clock over them). Only the outbox reads it: log rows keep the browser's time, and a
 * confirmation's age is checked against the browser's. The offset is kept in `storage.local`, so a restarted worker
 * reads the same time. After each move the outbox runs what is due (`runDue`), then the acknowledgment names the
 * move and the outbox's next wake-up on this clock, for the test to move to.
 */
export function testClock(runDue: () => Promise<void>) {
  let offset = 0;
  let nextWake: number | undefined;
  const read = (value: unknown) => {
    const offsetMs = (value as { offsetMs?: unknown } | undefined)?.offsetMs;
    offset = typeof offsetMs === 'number' && Number.isFinite(offsetMs) ? offsetMs : 0;
  };
  const ready = browser.storage.local.get(SET_KEY).then((stored) => read(stored[SET_KEY]));
  browser.storage.onChanged.addListener((changes, area) => {
    const change = changes[SET_KEY];
    if (area !== 'local' || !change) return;
    read(change.newValue);
    const seq = (change.newValue as { seq?: unknown } | undefined)?.seq;
    void runDue().then(() => browser.storage.local.set({ [ACK_KEY]: { seq, nextWake: nextWake ?? null } }));
  });
  const clock: OutboxClock = { now: () => Date.now() + offset, toBrowserTime: (time) => time - offset };
  return {
    clock,
    ready,
    /** The outbox asked to be woken at this time (on this clock), or at no time. */
    wakeAt: (when: number | undefined) => {
      nextWake = when;
    },
  };
}
