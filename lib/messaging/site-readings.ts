import { browser } from 'wxt/browser';
import type { FieldOrigin } from '../sites/field-origins';

/**
 * How a site's last incident page was read: whether the buttons found their dock (the adapter's, or a fix's) and
 * where each field came from. Written by the content script, read by the options page, so that a vendor's markup
 * change shows as a warning instead of silence. Not secret: a site id, field names and a time, never a value.
 */
export interface SiteReading {
  docked: boolean;
  /** Whose selector found the dock. */
  dockFrom?: 'site' | 'fix';
  fields: Record<string, FieldOrigin>;
  /** Fields this site's pages gave from the page or a fix before (at most MAX_SEEN), kept across incidents. */
  seen: string[];
  /** Fields in `seen` that the last incident's page did not give: a changed page, or an incident without them. */
  lost: string[];
  checkedAt: number;
}

const KEY_PREFIX = 'reading:';
const MAX_SEEN = 60;

/** The reading for this page given the site's previous one: `seen` grows, `lost` says what stopped. */
export function nextReading(
  previous: SiteReading | undefined,
  now: Pick<SiteReading, 'docked' | 'dockFrom' | 'fields'>,
  checkedAt: number,
): SiteReading {
  const fromPage = Object.keys(now.fields).filter(
    (field) => now.fields[field] === 'page' || now.fields[field] === 'fix',
  );
  const seen = [...new Set([...(previous?.seen ?? []), ...fromPage])].slice(0, MAX_SEEN);
  const lost = seen.filter((field) => !fromPage.includes(field));
  return { ...now, seen, lost, checkedAt };
}

/**
 * Saves the site's reading when it says something new (each write wakes every open options page, so the same
 * reading again is not written).
 */
export async function reportReading(
  site: string,
  now: Pick<SiteReading, 'docked' | 'dockFrom' | 'fields'>,
): Promise<void> {
  const key = KEY_PREFIX + site;
  const previous = (await browser.storage.local.get(key))[key] as SiteReading | undefined;
  const next = nextReading(previous, now, Date.now());
  const { checkedAt: _a, ...before } = previous ?? { checkedAt: 0 };
  const { checkedAt: _b, ...after } = next;
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  await browser.storage.local.set({ [key]: next });
}

export async function readSiteReadings(): Promise<Record<string, SiteReading>> {
  const all = await browser.storage.local.get(null);
  return Object.fromEntries(
    Object.entries(all)
      .filter(([key]) => key.startsWith(KEY_PREFIX))
      .map(([key, value]) => [key.slice(KEY_PREFIX.length), value as SiteReading]),
  );
}

/** Calls `listener` when a site's reading changes, and on no other storage change. */
export function onSiteReadingsChanged(listener: () => void): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && Object.keys(changes).some((key) => key.startsWith(KEY_PREFIX))) listener();
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
