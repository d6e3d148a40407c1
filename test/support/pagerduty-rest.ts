/**
 * PagerDuty's REST API as a fake fetch over the saved answers (lib/sites/pagerduty/fixtures/api-*.json), for
 * the tests that read an incident through it: with the saved token (background), through the router, and with
 * the web app's session (content script). Not a test file itself (vitest only collects *.test.ts[x]).
 */
import { vi } from 'vitest';
import type { ApiAccess } from '@/lib/model/api-access';
import { makeIncident } from './builders';
import { readFixture } from './site-fixtures';

export const INCIDENT_ID = 'Q2W3E4R5T6Y7U8';

/** The incident as its page shows it: a cut title, the page's status, and who is signed in. */
export const PAGE = makeIncident({
  id: INCIDENT_ID,
  title: 'Checkout API p99 latency abo…',
  status: 'triggered',
  url: `https://acme.pagerduty.com/incidents/${INCIDENT_ID}`,
  user: { name: 'Page User' },
});

export const TOKEN = 'u+SeCrEtToKeN-1234';

/** A fake PagerDuty API: answers the documented paths from the saved fixtures, and records calls. */
export function fakePagerDutyApi(overrides: Record<string, () => Response> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    const path = new URL(url).pathname.replace(/^\/api\/v1/, '');
    const override = Object.entries(overrides).find(([suffix]) => path.endsWith(suffix));
    if (override) return override[1]();
    if (path === `/incidents/${INCIDENT_ID}`) return new Response(readFixture('pagerduty', 'api-incident.json'));
    if (path.endsWith('/custom_fields/values')) return new Response(readFixture('pagerduty', 'api-custom-fields.json'));
    if (path.endsWith('/alerts')) return new Response(readFixture('pagerduty', 'api-alerts.json'));
    if (path === '/users/me') return new Response(readFixture('pagerduty', 'api-users-me.json'));
    return new Response('not found', { status: 404 });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

/** The token saved for PagerDuty; override any field. */
export function pagerDutyAccess(overrides: Partial<ApiAccess> = {}): ApiAccess {
  return { site: 'pagerduty', base: 'https://api.pagerduty.com', token: TOKEN, savedAt: 1, ...overrides };
}
