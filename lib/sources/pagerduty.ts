import type { IncidentSource } from './types';
import { firstElement, firstText } from './types';

/** `/incidents/Q1ABC2DEF3GH4I` and its sub-pages; the incident list (`/incidents`) is not an incident. */
const INCIDENT_PATH = /^\/incidents\/([A-Za-z0-9]{4,32})(?:[/?#]|$)/;

/**
 * Where PagerDuty shows each field, newest layout first. Kept as data next to the saved pages in
 * test/fixtures/pagerduty/ that they must match (docs/sources/pagerduty.md).
 */
export const PAGERDUTY_SELECTORS = {
  title: ['[data-testid="incident-title"]', '.incident-title', 'h1'],
  anchor: ['[data-testid="incident-actions"]', '.incident-actions'],
} as const;

export const pagerDuty: IncidentSource = {
  id: 'pagerduty',
  name: 'PagerDuty',
  // The whole origin, not only /incidents/*: the web app is a single-page app, so a responder who opens an
  // incident from the list arrives without a page load. *.pagerduty.com covers EU accounts too.
  matches: ['https://*.pagerduty.com/*'],
  incidentIdFromUrl(url) {
    if (url.protocol !== 'https:' || !/(^|\.)pagerduty\.com$/.test(url.hostname)) return undefined;
    return INCIDENT_PATH.exec(url.pathname)?.[1];
  },
  detect: () => true,
  readPage(doc) {
    return { title: firstText(doc, PAGERDUTY_SELECTORS.title) };
  },
  findAnchor: (doc) => firstElement(doc, PAGERDUTY_SELECTORS.anchor),
};
