import { browser } from 'wxt/browser';
import type { pickElement } from '@/components/incident/element-picker';
import type { pageReport } from '@/lib/sites/page-report';
import type { stableSelector } from '@/lib/sites/stable-selector';

/** What entrypoints/page-tools hands over: the heavy part of "Fix this page", loaded only when it is opened. */
export interface PageTools {
  pickElement: typeof pickElement;
  stableSelector: typeof stableSelector;
  pageReport: typeof pageReport;
}

/** Where the injected script leaves its tools, on the isolated world's global (the page cannot read it). */
export const PAGE_TOOLS_KEY = '__incidentActionsPageTools';

/**
 * The tools, imported into this content script's world the first time they are needed. The file is a web-accessible
 * resource (wxt.config.ts); Chrome serves it only at the session's dynamic URL, which `getURL` gives, so a page cannot
 * probe for it at a fixed address.
 */
export async function loadPageTools(): Promise<PageTools> {
  const loaded = () => (globalThis as Record<string, unknown>)[PAGE_TOOLS_KEY] as PageTools | undefined;
  if (!loaded()) await import(/* @vite-ignore */ browser.runtime.getURL('/page-tools.js'));
  const tools = loaded();
  if (!tools) throw new Error('The page tools did not load in this tab');
  return tools;
}
