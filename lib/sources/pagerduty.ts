import type { IncidentSnapshot } from '../model/incident';

/** `/incidents/Q1ABC2DEF3GH4I` and its sub-pages; the incident list (`/incidents`) is not an incident. */
const INCIDENT_PATH = /^\/incidents\/([A-Za-z0-9]{4,32})(?:[/?#]|$)/;

/**
 * Where PagerDuty shows the incident title, newest layout first. Kept as data next to the fixture pages
 * in test/fixtures/pagerduty/ that they must match.
 */
export const PAGERDUTY_TITLE_SELECTORS = ['[data-testid="incident-title"]', '.incident-title', 'h1'];

export function pagerDutyIncidentId(url: URL): string | undefined {
  if (url.protocol !== 'https:' || !/(^|\.)pagerduty\.com$/.test(url.hostname)) return undefined;
  return INCIDENT_PATH.exec(url.pathname)?.[1];
}

export function readPagerDutyIncident(doc: Document, href: string): IncidentSnapshot | undefined {
  const url = new URL(href);
  const id = pagerDutyIncidentId(url);
  if (!id) return undefined;
  return { site: 'pagerduty', id, title: firstText(doc, PAGERDUTY_TITLE_SELECTORS), url: url.href };
}

function firstText(doc: Document, selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const text = doc.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return undefined;
}
