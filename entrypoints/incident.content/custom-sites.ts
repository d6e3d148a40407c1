import { browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { askBackground } from '@/lib/messaging/content-client';
import { customSource } from '@/lib/sites/custom/page';
import type { IncidentSource } from '@/lib/sites/site';

/**
 * The site the user added that this page was registered for, as the background has it; none on a page a built-in
 * site's own script serves (its patterns are the manifest's), so that a page never gets two bars.
 */
export async function customSiteSources(url: URL): Promise<readonly IncidentSource[]> {
  const builtIn = (browser.runtime.getManifest().content_scripts ?? []).flatMap((script) => script.matches ?? []);
  if (builtIn.some((pattern) => new MatchPattern(pattern).includes(url.href))) return [];
  const reply = await askBackground({ type: 'customSite' });
  return reply.ok && reply.value ? [customSource(reply.value)] : [];
}
