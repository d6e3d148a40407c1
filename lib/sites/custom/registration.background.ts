import { browser } from 'wxt/browser';
import type { CustomSite } from '../../model/custom-site';

/**
 * Self-hosted and in-house sites get the content script at run time, for the patterns the user granted.
 * Chrome drops dynamic registrations on update, so this runs again on install/update and browser start
 * (WXT's dynamic-content-scripts example does the same).
 */
const SCRIPT_ID = 'incident-actions-custom-sites';
const CONTENT_SCRIPT = 'content-scripts/incident.js';

export async function syncCustomSiteRegistrations(sites: CustomSite[]): Promise<string[]> {
  const granted: string[] = [];
  for (const site of sites) {
    if (await browser.permissions.contains({ origins: [site.urlPattern] }).catch(() => false))
      granted.push(site.urlPattern);
  }
  const matches = [...new Set(granted)];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (matches.length > 0) {
    await browser.scripting.registerContentScripts([
      { id: SCRIPT_ID, matches, js: [CONTENT_SCRIPT], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  }
  return matches;
}

/**
 * Runs the content script in tabs already open on these patterns, so a site just added (or the extension
 * just installed or updated) works without a reload. Running it twice in a tab is safe: WXT invalidates the
 * older instance when a newer one starts, and the older one removes its buttons (see the e2e test).
 */
export async function injectIntoOpenTabs(patterns: readonly string[]): Promise<number> {
  if (patterns.length === 0) return 0;
  // Only tabs whose host the extension may access are listed: the query needs no "tabs" permission.
  const tabs = await browser.tabs.query({ url: [...patterns] }).catch(() => []);
  const results = await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? false
        : browser.scripting.executeScript({ target: { tabId: tab.id }, files: [`/${CONTENT_SCRIPT}`] }).then(
            () => true,
            () => false, // a tab that closed or navigated meanwhile, or a page the browser protects
          ),
    ),
  );
  return results.filter(Boolean).length;
}
