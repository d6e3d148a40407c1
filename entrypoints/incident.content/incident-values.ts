import { askBackground } from '@/lib/messaging/content-client';
import type { IncidentSnapshot } from '@/lib/model/incident';
import type { IncidentValues } from '@/lib/model/incident-values';
import { withApiFields } from '@/lib/sites/merge-api-fields';
import {
  mapPagerDutyAnswers,
  mapPagerDutySignedInUser,
  PAGERDUTY_SESSION_HEADERS,
  pagerDutySessionApi,
  pagerDutySessionUserApi,
} from '@/lib/sites/pagerduty/api';
import { readApiAnswers } from '@/lib/sites/read-api';

/**
 * Completes what the page shows with the vendor's API, at click time so the values are current:
 * 1. a token the user saved for the site: the background calls the documented API (the token never comes here);
 * 2. on PagerDuty without a token: the web app's own same-origin API, with the user's session (which also says who
 *    is signed in: `incident.user` on the current app, whose page has no data island for it);
 * 3. otherwise, or when both fail: the page's values, with the reason shown (`address` when the page added nothing
 *    to what its URL gives).
 */
export async function incidentValues(
  page: IncidentSnapshot,
  { addressOnly = false, pageFetch = sessionFetch() }: { addressOnly?: boolean; pageFetch?: typeof fetch } = {},
): Promise<IncidentValues> {
  let values: IncidentValues;
  try {
    values = await withVendorApi(page, pageFetch);
  } catch (error) {
    // Whatever went wrong, the responder still gets the page's values and the reason.
    values = { incident: page, from: 'page', problem: `Could not read the vendor's API: ${(error as Error).message}` };
  }
  // Nothing on the page was recognised: its values are only what its address gives, and the modal says so.
  return values.from === 'page' && addressOnly ? { ...values, from: 'address' } : values;
}

async function withVendorApi(page: IncidentSnapshot, pageFetch: typeof fetch): Promise<IncidentValues> {
  const viaToken = await askBackground({ type: 'incidentFromApi', incident: page });
  if (viaToken.ok && viaToken.value) {
    return { incident: await withSessionUser(withApiFields(page, viaToken.value), pageFetch), from: 'token' };
  }
  const tokenProblem = viaToken.ok ? undefined : viaToken.error;
  if (page.site !== 'pagerduty') return { incident: page, from: 'page', problem: tokenProblem };

  const answers = await readApiAnswers(pagerDutySessionApi, page.id, sessionOptions(page, pageFetch));
  if (!answers.ok) return { incident: page, from: 'page', problem: tokenProblem ?? answers.error };
  return {
    incident: withApiFields(page, mapPagerDutyAnswers(answers.value)),
    from: 'session',
    // A saved token that stopped working is worth knowing even when the session covered for it.
    problem: tokenProblem,
  };
}

/** PagerDuty's web app at the page's own origin, with the page's session. */
function sessionOptions(page: IncidentSnapshot, pageFetch: typeof fetch) {
  return {
    base: `${new URL(page.url).origin}/api/v1`,
    headers: PAGERDUTY_SESSION_HEADERS,
    fetch: pageFetch,
    credentials: 'same-origin',
    vendor: 'PagerDuty',
  } as const;
}

/**
 * On PagerDuty, who is signed in, from the session, when the page did not say (the current app): a saved token's
 * read of the incident cannot tell who clicks. Without a session answer the incident stays as it was.
 */
async function withSessionUser(incident: IncidentSnapshot, pageFetch: typeof fetch): Promise<IncidentSnapshot> {
  if (incident.site !== 'pagerduty' || incident.user) return incident;
  const answers = await readApiAnswers(pagerDutySessionUserApi, incident.id, sessionOptions(incident, pageFetch));
  const user = answers.ok ? mapPagerDutySignedInUser(answers.value) : undefined;
  return user ? { ...incident, user } : incident;
}

/**
 * A fetch that acts as the page. Chrome runs a content script's fetch as the page already; Firefox runs it
 * with the extension's privileges unless it goes through `content.fetch`, which carries the page's origin
 * and cookies as the web app's own requests do.
 */
function sessionFetch(): typeof fetch {
  const pageWindow = (globalThis as { content?: { fetch?: typeof fetch } }).content;
  return pageWindow?.fetch ? pageWindow.fetch.bind(pageWindow) : fetch.bind(globalThis);
}
