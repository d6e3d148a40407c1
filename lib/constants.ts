/** Identifiers and match patterns shared by the manifest (wxt.config.ts) and the runtime code. */

export const GECKO_ID = 'incident-actions@incident-actions.dev';

/**
 * Pages the content script runs on. The whole PagerDuty origin, not only `/incidents/*`: the web app is a
 * single-page app, so a responder who opens an incident from the incident list arrives without a page load.
 * `*.pagerduty.com` also covers EU accounts (`acme.eu.pagerduty.com`). Off incident URLs the script only
 * watches the location.
 */
export const INCIDENT_PAGE_MATCHES = ['https://*.pagerduty.com/*'];

export const DB_NAME = 'incident-actions';
