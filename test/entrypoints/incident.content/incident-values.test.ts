import { beforeEach, describe, expect, it, vi } from 'vitest';
import { incidentValues } from '@/entrypoints/incident.content/incident-values';
import { fail, ok } from '@/lib/core/result';
import { askBackground } from '@/lib/messaging/content-client';
import { PAGERDUTY_SESSION_HEADERS } from '@/lib/sites/pagerduty/api';
import { makeIncident } from '../../support/builders';
import { fakePagerDutyApi, INCIDENT_ID, PAGE } from '../../support/pagerduty-rest';
import { EXPECTED } from '../../support/vendor-apis';

vi.mock('@/lib/messaging/content-client', () => ({ askBackground: vi.fn() }));
const ask = vi.mocked(askBackground);

describe('incidentValues (content script)', () => {
  beforeEach(() => {
    ask.mockReset();
    ask.mockResolvedValue(ok(null) as never);
  });

  it("uses the background's token answer over the page, keeping the page's identity and user", async () => {
    ask.mockResolvedValueOnce(ok({ title: 'Full title from the API', custom_fields: { region: 'eu' } }) as never);
    const session = fakePagerDutyApi();
    const values = await incidentValues(PAGE, { pageFetch: session.fetch });
    expect(ask).toHaveBeenCalledExactlyOnceWith({ type: 'incidentFromApi', incident: PAGE });
    expect(values).toEqual({
      incident: { ...PAGE, title: 'Full title from the API', custom_fields: { region: 'eu' } },
      from: 'token',
    });
    expect(session.calls).toHaveLength(0);
  });

  it("reads PagerDuty's own API with the session when no token is saved", async () => {
    const session = fakePagerDutyApi();
    const values = await incidentValues(PAGE, { pageFetch: session.fetch });
    expect(session.calls.map((call) => call.url)).toContain(
      `https://acme.pagerduty.com/api/v1/incidents/${INCIDENT_ID}?include[]=services&include[]=conference_bridge`,
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
    // Exactly: the page's identity and user, everything else the API gives.
    expect(values.incident).toEqual({ ...PAGE, ...EXPECTED.pagerduty });
  });

  it('says who is signed in from the session (GET /users/me) when the page does not', async () => {
    const session = fakePagerDutyApi();
    const { user: _pageUser, ...page } = PAGE;
    const values = await incidentValues(page, { pageFetch: session.fetch });
    expect(session.calls.map((call) => call.url)).toContain('https://acme.pagerduty.com/api/v1/users/me');
    expect(values.from).toBe('session');
    // The user of PagerDuty's own "Get the current user" example (api-users-me.json), as templates name it.
    expect(values.incident.user).toStrictEqual({
      id: 'PXPGF42',
      name: 'Earline Greenholt',
      email: '125.greenholt.earline@graham.name',
    });
  });

  it("keeps the incident's values when /users/me fails, and the page's user over the session's", async () => {
    const { user: _pageUser, ...page } = PAGE;
    const refused = fakePagerDutyApi({ '/users/me': () => new Response('', { status: 401 }) });
    const values = await incidentValues(page, { pageFetch: refused.fetch });
    expect(values.from).toBe('session');
    expect(values.problem).toBeUndefined();
    expect(values.incident).toEqual({ ...page, ...EXPECTED.pagerduty });
    expect('user' in values.incident).toBe(false);
    // The classic app's data island (the page's user) is who is signed in too; it is kept.
    expect((await incidentValues(PAGE, { pageFetch: fakePagerDutyApi().fetch })).incident.user).toEqual({
      name: 'Page User',
    });
  });

  it('with a saved token, still asks the session who is signed in when the page does not say', async () => {
    const { user: _pageUser, ...page } = PAGE;
    ask.mockResolvedValueOnce(ok({ title: 'Full title from the API' }) as never);
    const session = fakePagerDutyApi();
    const values = await incidentValues(page, { pageFetch: session.fetch });
    // Only /users/me: the incident itself came through the token.
    expect(session.calls.map((call) => call.url)).toEqual(['https://acme.pagerduty.com/api/v1/users/me']);
    expect(session.calls[0]?.init).toMatchObject({ headers: PAGERDUTY_SESSION_HEADERS, credentials: 'same-origin' });
    expect(values).toEqual({
      incident: {
        ...page,
        title: 'Full title from the API',
        user: { id: 'PXPGF42', name: 'Earline Greenholt', email: '125.greenholt.earline@graham.name' },
      },
      from: 'token',
    });

    // Signed out of the session: the token's values, no user, and nothing to report.
    ask.mockResolvedValueOnce(ok({ title: 'Full title from the API' }) as never);
    const signedOut = fakePagerDutyApi({ '/users/me': () => new Response('', { status: 401 }) });
    expect(await incidentValues(page, { pageFetch: signedOut.fetch })).toEqual({
      incident: { ...page, title: 'Full title from the API' },
      from: 'token',
    });
  });

  it('falls back to the page, saying why, when signed out of the session API', async () => {
    const session = fakePagerDutyApi({ [`/incidents/${INCIDENT_ID}`]: () => new Response('', { status: 401 }) });
    expect(await incidentValues(PAGE, { pageFetch: session.fetch })).toEqual({
      incident: PAGE,
      from: 'page',
      problem: 'PagerDuty API answered 401 (signed out, or the token is wrong)',
    });
  });

  it('reports a broken token even when the session covered for it', async () => {
    ask.mockResolvedValueOnce(fail('PagerDuty API answered 401 (signed out, or the token is wrong)') as never);
    const values = await incidentValues(PAGE, { pageFetch: fakePagerDutyApi().fetch });
    expect(values.from).toBe('session');
    expect(values.problem).toBe('PagerDuty API answered 401 (signed out, or the token is wrong)');
  });

  it('calls no session API on other sites', async () => {
    const session = fakePagerDutyApi();
    const page = makeIncident({ site: 'opsgenie', url: 'https://acme.app.opsgenie.com/alert/detail/x/details' });
    expect(await incidentValues(page, { pageFetch: session.fetch })).toEqual({ incident: page, from: 'page' });
    expect(session.calls).toHaveLength(0);
  });

  it("says the values are the address's alone when the page added nothing and no API answered", async () => {
    const page = makeIncident({ site: 'incident-io', url: 'https://app.incident.io/acme/incidents/1432' });
    expect(await incidentValues(page, { addressOnly: true })).toEqual({ incident: page, from: 'address' });
    ask.mockResolvedValueOnce(fail('incident.io API answered 401 (signed out, or the token is wrong)') as never);
    expect(await incidentValues(page, { addressOnly: true })).toEqual({
      incident: page,
      from: 'address',
      problem: 'incident.io API answered 401 (signed out, or the token is wrong)',
    });
  });

  it('names the API, not the address, when a token filled an unrecognised page', async () => {
    const page = makeIncident({ site: 'incident-io', url: 'https://app.incident.io/acme/incidents/1432' });
    ask.mockResolvedValueOnce(ok({ title: 'From the API' }) as never);
    const values = await incidentValues(page, { addressOnly: true });
    expect(values.from).toBe('token');
    expect(values.incident.title).toBe('From the API');
  });
});
