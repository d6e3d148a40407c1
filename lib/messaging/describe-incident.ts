import { browser } from 'wxt/browser';
import type { IncidentValues } from '../sources/api/incident-values';

/**
 * The options page asks each tab's content script what incident it shows, so the field catalogue can list
 * real values. The only message an extension page sends a content script; it carries nothing but its type.
 */
export const DESCRIBE_INCIDENT = 'describeIncident';

export interface OpenIncident extends IncidentValues {
  siteName: string;
}

/** Whether a message to a content script is the options page's question, from this extension's own page. */
export function isDescribeRequest(message: unknown, senderId: string | undefined, hasTab: boolean): boolean {
  return (
    senderId === browser.runtime.id &&
    !hasTab &&
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === DESCRIBE_INCIDENT
  );
}
