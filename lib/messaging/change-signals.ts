import { browser } from 'wxt/browser';

/**
 * Cross-context "something changed" pings through `storage.local`, which every context can watch.
 * They carry a timestamp, never data: content scripts can read `storage.local`, so nothing secret goes there.
 */
export type ChangeSignal = 'actionsChangedAt' | 'logChangedAt' | 'storageNotice';

export function announceChange(signal: ChangeSignal): Promise<void> {
  return browser.storage.local.set({ [signal]: Date.now() });
}

export function onChange(signal: ChangeSignal, listener: () => void): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && signal in changes) listener();
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
