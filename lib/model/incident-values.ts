import type { IncidentSnapshot } from './incident';

/** The incident an action is about to use, and where its values came from (the modal says so). */
export interface IncidentValues {
  incident: IncidentSnapshot;
  from: 'page' | 'address' | 'session' | 'token';
  /** Why no API could add to the page's values, when one was tried. */
  problem?: string;
}

/** Where an incident's values came from, as the modal and the options page say it. */
export const VALUES_SOURCE: Record<IncidentValues['from'], string> = {
  token: "the vendor's API (saved token)",
  session: "the vendor's API (your session)",
  page: 'the page',
  address: "the page's address only (nothing on the page was recognised)",
};
