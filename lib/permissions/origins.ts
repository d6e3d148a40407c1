import { browser } from 'wxt/browser';

/** The match pattern that grants one endpoint origin: `https://hooks.example.com/*`. */
export function originPattern(url: string): string {
  return `${new URL(url).origin}/*`;
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
