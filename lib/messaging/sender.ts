import type { Browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { INCIDENT_PAGE_MATCHES } from '../sites/registry';

const incidentPages = INCIDENT_PAGE_MATCHES.map((pattern) => new MatchPattern(pattern));

export function isIncidentPageUrl(url: string, customPatterns: readonly string[] = []): boolean {
  return (
    incidentPages.some((pattern) => pattern.includes(url)) ||
    customPatterns.some((pattern) => new MatchPattern(pattern).includes(url))
  );
}

/**
 * Why a message sender may not ask for incident actions, or undefined when it may: our own content
 * script, in the top frame of a tab on an incident site (design rule 1).
 */
export function contentSenderProblem(
  sender: Browser.runtime.MessageSender,
  extensionId: string,
  customPatterns: readonly string[] = [],
): string | undefined {
  if (sender.id !== extensionId) return 'not this extension';
  if (!sender.tab || sender.frameId !== 0) return 'not the top frame of a tab';
  if (!sender.url || !isIncidentPageUrl(sender.url, customPatterns)) return 'not an incident page';
  return undefined;
}

/** A sender that is one of this extension's pages, not a content script or another extension (design rule 1). */
export function isExtensionPage(
  sender: { id?: string; url?: string; tab?: unknown },
  extensionId: string,
  pagesUrl: string,
) {
  return sender.id === extensionId && sender.url?.startsWith(pagesUrl) === true;
}
