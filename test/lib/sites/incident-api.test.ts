import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { handleContentMessage, type RouterDeps } from '@/entrypoints/background/content-messages';
import { incidentValues } from '@/entrypoints/incident.content/incident-values';
import { fail, ok } from '@/lib/core/result';
import { askBackground } from '@/lib/messaging/content-client';
import { isDescribeRequest } from '@/lib/messaging/describe-incident';
import { type ApiAccess, ApiAccessSchema } from '@/lib/model/api-access';
import { withApiFields } from '@/lib/sites/merge-api-fields';
import { PAGERDUTY_SESSION_HEADERS } from '@/lib/sites/pagerduty/api';
import { readIncidentWithToken } from '@/lib/sites/read-with-token.background';
import { listApiAccess, saveApiAccess } from '@/lib/storage/api-access-store';
import alertsJson from '../../../lib/sites/pagerduty/fixtures/api-alerts.json?raw';
import customFieldsJson from '../../../lib/sites/pagerduty/fixtures/api-custom-fields.json?raw';
import incidentJson from '../../../lib/sites/pagerduty/fixtures/api-incident.json?raw';
import { deliveryDeps, freshDatabase, makeIncident } from '../../support/builders';

vi.mock('@/lib/messaging/content-client', () => ({ askBackground: vi.fn() }));
const ask = vi.mocked(askBackground);

const FIXTURES: Record<string, string> = {
  'api-incident.json': incidentJson,
  'api-custom-fields.json': customFieldsJson,
  'api-alerts.json': alertsJson,
};
const fixture = (name: string) => FIXTURES[name] ?? '';
const INCIDENT_ID = 'Q2W3E4R5T6Y7U8';
const PAGE = makeIncident({
  id: INCIDENT_ID,
  title: 'Checkout API p99 latency abo…',
  status: 'triggered',
  url: `https://acme.pagerduty.com/incidents/${INCIDENT_ID}`,
  user: { name: 'Page User' },
});
const TOKEN = 'u+SeCrEtToKeN-1234';

/** A fake PagerDuty API: answers the three documented paths from the saved fixtures, and records calls. */
function pagerDutyApi(overrides: Record<string, () => Response> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    const path = new URL(url).pathname.replace(/^\/api\/v1/, '');
    const override = Object.entries(overrides).find(([suffix]) => path.endsWith(suffix));
    if (override) return override[1]();
    if (path === `/incidents/${INCIDENT_ID}`) return new Response(fixture('api-incident.json'));
    if (path.endsWith('/custom_fields/values')) return new Response(fixture('api-custom-fields.json'));
    if (path.endsWith('/alerts')) return new Response(fixture('api-alerts.json'));
    return new Response('not found', { status: 404 });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function access(overrides: Partial<ApiAccess> = {}): ApiAccess {
  return { site: 'pagerduty', base: 'https://api.pagerduty.com', token: TOKEN, savedAt: 1, ...overrides };
}

describe('the saved API token', () => {
  it.each([
    ['http to another machine', { base: 'http://api.pagerduty.com' }, 'The API must be https'],
    ['a query in the base', { base: 'https://api.pagerduty.com/?x=1' }, 'No query or fragment'],
    ['a token with a line break', { token: 'abcdefgh\r\nX-Evil: 1' }, 'printable ASCII'],
    ['a short token', { token: 'abc' }, 'Paste the whole token'],
    ['a site without an API', { site: 'custom:acme' as never }, ''],
  ])('refuses %s', (_what, overrides, message) => {
    const parsed = ApiAccessSchema.safeParse(access(overrides));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });

  it('accepts http to this machine (a local test double) and https elsewhere', () => {
    expect(ApiAccessSchema.safeParse(access({ base: 'http://127.0.0.1:9999/pd' })).success).toBe(true);
    expect(ApiAccessSchema.safeParse(access()).success).toBe(true);
  });

  it('is listed by its last four characters only', async () => {
    const db = await freshDatabase();
    await saveApiAccess(db, access());
    const listed = await listApiAccess(db);
    expect(listed).toEqual([{ site: 'pagerduty', base: 'https://api.pagerduty.com', tokenEnd: '1234', savedAt: 1 }]);
    expect(JSON.stringify(listed)).not.toContain('SeCrEt');
  });
});

describe('readIncidentWithToken (background)', () => {
  const deps = (fetch: typeof globalThis.fetch, granted = true) => ({
    fetch,
    hasOriginPermission: vi.fn(async () => granted),
  });

  it('answers null without calling anything when no token is saved', async () => {
    const api = pagerDutyApi();
    expect(await readIncidentWithToken(deps(api.fetch), undefined, PAGE)).toEqual(ok(null));
    expect(api.calls).toHaveLength(0);
  });

  it('calls the documented paths at the saved base with the token, no cookies and no redirects', async () => {
    const api = pagerDutyApi();
    const d = deps(api.fetch);
    const result = await readIncidentWithToken(d, access(), PAGE);
    expect(api.calls.map((call) => call.url).sort()).toEqual([
      `https://api.pagerduty.com/incidents/${INCIDENT_ID}`,
      `https://api.pagerduty.com/incidents/${INCIDENT_ID}/alerts?limit=1&sort_by=created_at:asc`,
      `https://api.pagerduty.com/incidents/${INCIDENT_ID}/custom_fields/values`,
    ]);
    for (const { init } of api.calls) {
      expect(init.headers).toEqual({
        Accept: 'application/vnd.pagerduty+json;version=2',
        Authorization: `Token token=${TOKEN}`,
      });
      expect(init.credentials).toBe('omit');
      expect(init.redirect).toBe('error');
    }
    expect(d.hasOriginPermission).toHaveBeenCalledWith('https://api.pagerduty.com');
    expect(result.ok && result.value).toMatchObject({
      title: 'Checkout API p99 latency above 2s',
      status: 'acknowledged',
      custom_fields: { environment: 'production', region: 'us-east-1' },
      alert_details: { region: 'us-east-1', observed_ms: 3412 },
    });
  });

  it('percent-encodes an incident id that looks like a path', async () => {
    const api = pagerDutyApi();
    const d = deps(api.fetch);
    await readIncidentWithToken(d, access(), { ...PAGE, id: '../users/me?x=' });
    expect(api.calls[0]?.url).toBe('https://api.pagerduty.com/incidents/..%2Fusers%2Fme%3Fx%3D');
  });

  it('refuses, before any request, an API origin the user has not granted', async () => {
    const api = pagerDutyApi();
    const d = deps(api.fetch, false);
    const result = await readIncidentWithToken(d, access(), PAGE);
    expect(result).toEqual(
      fail('PagerDuty API: not allowed to call https://api.pagerduty.com; save the token again in the options page'),
    );
    expect(api.calls).toHaveLength(0);
  });

  it.each([
    [
      'a 401',
      () => new Response('{"error":{"message":"Unauthorized"}}', { status: 401 }),
      'PagerDuty API answered 401 (signed out, or the token is wrong)',
    ],
    ['HTML instead of JSON', () => new Response('<html>login</html>'), 'PagerDuty API answer is not JSON'],
    [
      'a network failure',
      () => {
        throw new TypeError('Failed to fetch');
      },
      'PagerDuty API unreachable',
    ],
  ])('fails with a clear message, never the token, on %s for the incident', async (_what, answer, message) => {
    const api = pagerDutyApi({ [`/incidents/${INCIDENT_ID}`]: answer });
    const d = deps(api.fetch);
    const result = await readIncidentWithToken(d, access(), PAGE);
    expect(result).toEqual(fail(message));
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('still answers with the incident when only the custom fields or alerts fail', async () => {
    const api = pagerDutyApi({
      '/custom_fields/values': () => new Response('', { status: 403 }),
      '/alerts': () => new Response('not json'),
    });
    const d = deps(api.fetch);
    const result = await readIncidentWithToken(d, access(), PAGE);
    expect(result.ok && result.value?.title).toBe('Checkout API p99 latency above 2s');
    expect(result.ok && result.value).not.toHaveProperty('custom_fields');
    expect(result.ok && result.value).not.toHaveProperty('alert_details');
  });

  it('reaches a content script only through the router, which checks the page it came from', async () => {
    const api = pagerDutyApi();
    const db = await freshDatabase();
    await saveApiAccess(db, access());
    const routerDeps: RouterDeps = { ...deliveryDeps(db, api.fetch), extensionId: 'ext' };
    const sender = (url: string) =>
      ({ id: 'ext', tab: { id: 1, url } as Browser.tabs.Tab, frameId: 0, url }) as Browser.runtime.MessageSender;
    const message = { type: 'incidentFromApi', incident: PAGE };
    const answered = await handleContentMessage(message, sender(PAGE.url), routerDeps);
    expect(answered.ok && (answered.value as { number: number }).number).toBe(18342);
    // Another account's page may not read this incident through the saved token.
    expect(await handleContentMessage(message, sender('https://other.pagerduty.com/incidents/X'), routerDeps)).toEqual(
      fail('Refused: incident from another origin'),
    );
    expect(api.calls).toHaveLength(3);
  });
});

describe('incidentValues (content script)', () => {
  beforeEach(() => {
    ask.mockReset();
    ask.mockResolvedValue(ok(null) as never);
  });

  it("uses the background's token answer over the page, keeping the page's identity and user", async () => {
    ask.mockResolvedValueOnce(ok({ title: 'Full title from the API', custom_fields: { region: 'eu' } }) as never);
    const session = pagerDutyApi();
    const values = await incidentValues(PAGE, session.fetch);
    expect(ask).toHaveBeenCalledExactlyOnceWith({ type: 'incidentFromApi', incident: PAGE });
    expect(values).toEqual({
      incident: { ...PAGE, title: 'Full title from the API', custom_fields: { region: 'eu' } },
      from: 'token',
    });
    expect(session.calls).toHaveLength(0);
  });

  it("reads PagerDuty's own API with the session when no token is saved", async () => {
    const session = pagerDutyApi();
    const values = await incidentValues(PAGE, session.fetch);
    expect(session.calls.map((call) => call.url)).toContain(
      `https://acme.pagerduty.com/api/v1/incidents/${INCIDENT_ID}`,
    );
    for (const { init } of session.calls) {
      expect(init.headers).toEqual(PAGERDUTY_SESSION_HEADERS);
      expect(init.credentials).toBe('same-origin');
    }
    expect(values.from).toBe('session');
    expect(values.problem).toBeUndefined();
    expect(values.incident).toMatchObject({
      site: 'pagerduty',
      id: INCIDENT_ID,
      url: PAGE.url,
      user: { name: 'Page User' },
      title: 'Checkout API p99 latency above 2s',
      status: 'acknowledged',
      incident_key: 'checkout-api/p99-latency/us-east-1',
      custom_fields: { environment: 'production' },
    });
  });

  it('falls back to the page, saying why, when signed out of the session API', async () => {
    const session = pagerDutyApi({ [`/incidents/${INCIDENT_ID}`]: () => new Response('', { status: 401 }) });
    expect(await incidentValues(PAGE, session.fetch)).toEqual({
      incident: PAGE,
      from: 'page',
      problem: 'PagerDuty API answered 401 (signed out, or the token is wrong)',
    });
  });

  it('reports a broken token even when the session covered for it', async () => {
    ask.mockResolvedValueOnce(fail('PagerDuty API answered 401 (signed out, or the token is wrong)') as never);
    const values = await incidentValues(PAGE, pagerDutyApi().fetch);
    expect(values.from).toBe('session');
    expect(values.problem).toBe('PagerDuty API answered 401 (signed out, or the token is wrong)');
  });

  it('calls no session API on other sites', async () => {
    const session = pagerDutyApi();
    const page = makeIncident({ site: 'opsgenie', url: 'https://acme.app.opsgenie.com/alert/detail/x/details' });
    expect(await incidentValues(page, session.fetch)).toEqual({ incident: page, from: 'page' });
    expect(session.calls).toHaveLength(0);
  });
});

describe('withApiFields', () => {
  it('merges custom fields, and never lets the API change what identifies the incident', () => {
    const page = makeIncident({ custom_fields: { shown: 'on page', region: 'page' }, user: { name: 'Me' } });
    const merged = withApiFields(page, {
      title: 'API title',
      custom_fields: { region: 'api' },
      user: { name: 'Someone else' },
    });
    expect(merged).toEqual({ ...page, title: 'API title', custom_fields: { shown: 'on page', region: 'api' } });
  });
});

describe('isDescribeRequest (content script)', () => {
  const ownPage = { id: browser.runtime.id, url: browser.runtime.getURL('/options.html') };
  it("answers only this extension's own pages asking the known question", () => {
    expect(isDescribeRequest({ type: 'describeIncident' }, ownPage)).toBe(true);
    expect(isDescribeRequest({ type: 'describeIncident' }, { ...ownPage, id: 'another-extension' })).toBe(false);
    expect(isDescribeRequest({ type: 'describeIncident' }, { id: browser.runtime.id, url: PAGE.url })).toBe(false);
    expect(isDescribeRequest({ type: 'describeIncident' }, { id: browser.runtime.id })).toBe(false);
    expect(isDescribeRequest({ type: 'sendAction' }, ownPage)).toBe(false);
    expect(isDescribeRequest(null, ownPage)).toBe(false);
  });
});
