import { browser } from 'wxt/browser';

/**
 * Whether the buttons found their dock on a site, as last seen. Written by the content script, read by the
 * options page, so an admin sees when a site's layout changed. Not secret: a site id and a time.
 */
export interface PlacementReport {
  docked: boolean;
  checkedAt: number;
}

const KEY_PREFIX = 'placement:';

export function reportPlacement(site: string, docked: boolean): Promise<void> {
  return browser.storage.local.set({
    [KEY_PREFIX + site]: { docked, checkedAt: Date.now() } satisfies PlacementReport,
  });
}

export async function readPlacementReports(): Promise<Record<string, PlacementReport>> {
  const all = await browser.storage.local.get(null);
  return Object.fromEntries(
    Object.entries(all)
      .filter(([key]) => key.startsWith(KEY_PREFIX))
      .map(([key, value]) => [key.slice(KEY_PREFIX.length), value as PlacementReport]),
  );
}

/** Calls `listener` when a site's report changes, and on no other storage change. */
export function onPlacementReportsChanged(listener: () => void): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && Object.keys(changes).some((key) => key.startsWith(KEY_PREFIX))) listener();
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
