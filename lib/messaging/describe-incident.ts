import { browser } from 'wxt/browser';
import type { IncidentValues } from '../model/incident-values';

/**
 * The options page asks each tab's content script what incident it shows, so the field catalogue can list
 * real values. The only message an extension page sends a content script; it carries nothing but its type.
 */
export const DESCRIBE_INCIDENT = 'describeIncident';

export interface OpenIncident extends IncidentValues {
  siteName: string;
}

/**
 * Whether a message to a content script is the options page's question, from one of this extension's own
 * pages (a content script cannot message another tab's content script, and a page cannot message us at all).
 * Firefox reports the options tab as `sender.tab`, Chrome does not, so the page's URL is what is checked.
 */
export function isDescribeRequest(message: unknown, sender: { id?: string; url?: string }): boolean {
  return (
    sender.id === browser.runtime.id &&
    sender.url?.startsWith(browser.runtime.getURL('/')) === true &&
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === DESCRIBE_INCIDENT
  );
}
