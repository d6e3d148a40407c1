import { browser } from 'wxt/browser';

/**
 * Cross-context "something changed" pings through `storage.local`, which every context can watch.
 * They carry a timestamp, never data: content scripts can read `storage.local`, so nothing secret goes there.
 */
export type ChangeSignal = 'actionsChangedAt' | 'logChangedAt';

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
