import { browser } from 'wxt/browser';

/**
 * Cross-context "something changed" pings through `storage.local`, which every context can watch.
 * They carry a time and a random tail, never data: content scripts can read `storage.local`, so nothing secret goes
 * there. The tail makes each ping a new value: browsers report no change for a write of the value already stored,
 * so two pings in the same millisecond (a claim and a fast answer) would otherwise be heard as one.
 *
 * The stores in lib/storage announce their own writes, once the transaction committed; the background
 * announces the log through its delivery deps. Each signal names what its readers show:
 * - `actionsChangedAt`: what buttons an incident shows. Actions (a subscription's and the policy's too),
 *   constants (labels and conditions use them) and custom sites. Content scripts list their buttons again.
 * - `settingsChangedAt`: what only the options page shows. Secrets, API tokens, retention limits and the
 *   subscriptions' own rows (URL, interval, last check). Content scripts ignore it.
 * - `logChangedAt`: the runs (a send, an attempt, a prune). Timelines and the history reload.
 * - `storageNotice`: the disk was full and the oldest history was pruned (the value is the notice itself).
 *
 * Why not WXT's `storage.defineItem(...).watch()` (wxt/utils/storage): it would add 2.9 kB gzipped to the
 * content script, whose budget is tight, for what `onChanged` does here in a few lines. Measured with
 * `npx wxt build`, then `gzip -9c .output/chrome-mv3/content-scripts/incident.js | wc -c`: 24,177 bytes
 * with this file, 27,044 with `storage.watch` in `onChange` (+2,867; a defineItem and its watch per signal:
 * +2,930). The options chunk (97,985 bytes) and the background (65,067) grow by as much, +2.9 kB each.
 */
export type ChangeSignal = 'actionsChangedAt' | 'settingsChangedAt' | 'logChangedAt' | 'storageNotice';

/** Pings each signal, in one write: a listener of several signals hears it once. */
export function announceChange(...signals: ChangeSignal[]): Promise<void> {
  const ping = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return browser.storage.local.set(Object.fromEntries(signals.map((signal) => [signal, ping])));
}

/** Calls `listener` once per change of any of `signals` (one write may ping several). Returns the stop. */
export function onChange(signals: ChangeSignal | readonly ChangeSignal[], listener: () => void): () => void {
  const watched = typeof signals === 'string' ? [signals] : signals;
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && watched.some((signal) => signal in changes)) listener();
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

/** Shown by the options page: the disk was full, so the oldest history was pruned (no data, just the fact). */
export interface StorageNotice {
  at: number;
  pruned: number;
}

export function reportStorageFull(pruned: number): Promise<void> {
  return browser.storage.local.set({ storageNotice: { at: Date.now(), pruned } satisfies StorageNotice });
}

export async function readStorageNotice(): Promise<StorageNotice | undefined> {
  const { storageNotice } = await browser.storage.local.get('storageNotice');
  const notice = storageNotice as Partial<StorageNotice> | undefined;
  return typeof notice?.at === 'number' && typeof notice.pruned === 'number'
    ? { at: notice.at, pruned: notice.pruned }
    : undefined;
}

export function dismissStorageNotice(): Promise<void> {
  return browser.storage.local.remove('storageNotice');
}
