import { browser } from 'wxt/browser';
import type { CustomSite } from '../model/custom-site';

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
