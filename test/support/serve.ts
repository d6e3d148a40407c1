import { type FixtureResponse, hasPagerDutySession, pagerDutyApiAnswer, SESSION_COOKIE } from './pagerduty-app/api.ts';
import { pagerDutyPage } from './pagerduty-app/incidents.ts';
import { readFixture, readFixtureJson, savedPages } from './site-fixtures.ts';

/**
 * What the routed vendor origins answer in browser tests: PagerDuty's demo app on acme.pagerduty.com and
 * acme.eu.pagerduty.com (any path) and, as a page that is no account's, on status.pagerduty.com, and every saved page at its real URL (`<variant>.url`). Nothing
 * leaves the machine.
 */
const pagesByUrl = new Map(savedPages().map((page) => [withoutQuery(page.url), page.html]));

/** Hosts the tests route; requests to them never reach the network. */
export const ROUTED_HOSTS =
  /^(?:[a-z0-9-]+\.)*(?:pagerduty\.com|opsgenie\.com|atlassian\.net|grafana\.net|incident\.io|pagertree\.com|internal\.example)$/;

/**
 * What a routed origin answers a request: PagerDuty's app (which signs the browser in with a session
 * cookie) and its same-origin API, or a saved page, or 404.
 */
export function fixtureResponse(url: string, headers: Record<string, string | string[] | undefined>): FixtureResponse {
  const { hostname, pathname, search } = new URL(url);
  const pagerDuty = hostname === 'acme.pagerduty.com' || hostname === 'acme.eu.pagerduty.com';
  if (pagerDuty && pathname.startsWith('/api/v1/')) {
    const answer = pagerDutyApiAnswer(pathname.slice('/api/v1'.length) + search, hasPagerDutySession(headers));
    if (answer) return answer;
  }
  const body = fixturePage(url);
  if (body === undefined) return { status: 404, contentType: 'text/plain', body: 'no fixture at this URL' };
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body,
    ...(pagerDuty ? { headers: { 'set-cookie': `${SESSION_COOKIE}; Path=/; Secure; SameSite=Lax` } } : {}),
  };
}

function fixturePage(url: string): string | undefined {
  const { hostname, protocol } = new URL(url);
  if (hostname === 'acme.pagerduty.com' || hostname === 'acme.eu.pagerduty.com') return pagerDutyPage();
  // PagerDuty's status page, served with the incident app's own markup: only its host says it is no incident.
  if (hostname === 'status.pagerduty.com') return pagerDutyPage();
  // A self-hosted page on an in-house host is served over plain http too, as a self-hosted Grafana may be.
  const https = protocol === 'http:' && hostname.endsWith('.internal.example') ? url.replace(/^http:/, 'https:') : url;
  return pagesByUrl.get(withoutQuery(https));
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** A saved page's URL and the fields its .expected.json says a read gives (`site/variant`). */
export function savedPage(name: string): { url: string; site: string; id: string; title: string; status?: string } {
  const [site = '', variant = ''] = name.split('/');
  const expected = readFixtureJson(site, `${variant}.expected.json`);
  return { ...expected, url: readFixture(site, `${variant}.url`).trim() } as ReturnType<typeof savedPage>;
}
