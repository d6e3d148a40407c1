import { browser } from 'wxt/browser';
import type { PageReport } from '../sites/page-report';

/**
 * The last page report a responder made on an incident page, kept for the options page to download: the report
 * is copied to the clipboard too, but a clipboard is easily lost. Only structure, never the page's text.
 */
const KEY = 'pageReport';

export function keepPageReport(report: PageReport): Promise<void> {
  return browser.storage.local.set({ [KEY]: report });
}

export async function readPageReport(): Promise<PageReport | undefined> {
  return (await browser.storage.local.get(KEY))[KEY] as PageReport | undefined;
}

export function onPageReportChanged(listener: () => void): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && KEY in changes) listener();
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
