import { browser } from 'wxt/browser';

/**
 * The match pattern that grants one endpoint host: `https://hooks.example.com/*`. Match patterns have no
 * port (Firefox refuses one; Chrome ignores it), so a grant covers every port of that scheme and host.
 */
export function originPattern(url: string): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}

export function hasOriginPermission(url: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPattern(url)] });
}

/**
 * Asks for an endpoint origin. Must be called synchronously from the click that saves or enables an
 * action: Firefox refuses a request made after an `await`.
 */
export function requestOriginPermission(url: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(url)] });
}

/** The host permissions held now, as match patterns; none when the browser will not say. */
export async function grantedOriginPatterns(): Promise<ReadonlySet<string>> {
  try {
    return new Set((await browser.permissions.getAll()).origins ?? []);
  } catch {
    return new Set();
  }
}

/**
 * Whether a host permission is covered by those held: the same pattern, `<all_urls>`, or a wildcard that
 * includes its host: any host of the scheme (what Chrome's "On all sites" grants), or `*.example.com`.
 */
export function patternGranted(pattern: string, granted: ReadonlySet<string>): boolean {
  if (granted.has(pattern) || granted.has('<all_urls>')) return true;
  const wanted = /^(\*|https?):\/\/([^/]+)\//.exec(pattern);
  if (!wanted) return false;
  const [, scheme, host = ''] = wanted;
  for (const held of granted) {
    const parts = /^(\*|https?):\/\/([^/]+)\//.exec(held);
    if (!parts) continue;
    const [, heldScheme, heldHost = ''] = parts;
    if (heldScheme !== '*' && heldScheme !== scheme) continue;
    if (heldHost === '*') return true;
    if (heldHost.startsWith('*.') && !host.startsWith('*.')) {
      const base = heldHost.slice(2);
      if (host === base || host.endsWith(`.${base}`)) return true;
    }
    if (heldHost.startsWith('*.') && host.startsWith('*.') && host.endsWith(heldHost.slice(1))) return true;
  }
  return false;
}
