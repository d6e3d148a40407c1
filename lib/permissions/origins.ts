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
