import { describe, expect, it, vi } from 'vitest';
import { fail, ok } from '@/lib/core/result';
import { readIncidentWithToken } from '@/lib/sites/read-with-token.background';
import { makeIncident } from '../../support/builders';
import { pagerDutyAccess as access, fakePagerDutyApi, INCIDENT_ID, PAGE, TOKEN } from '../../support/pagerduty-rest';
import { readFixture } from '../../support/site-fixtures';
import { EXPECTED, EXPECTED_JSM, JSM_OPS, VENDORS } from '../../support/vendor-apis';

describe('readIncidentWithToken (background)', () => {
  const deps = (fetch: typeof globalThis.fetch, granted = true) => ({
    fetch,
    hasOriginPermission: vi.fn(async () => granted),
  });

  it('answers null without calling anything when no token is saved', async () => {
    const api = fakePagerDutyApi();
    expect(await readIncidentWithToken(deps(api.fetch), undefined, PAGE)).toEqual(ok(null));
    expect(api.calls).toHaveLength(0);
  });

  it('calls the documented paths at the saved base with the token, no cookies and no redirects', async () => {
    const api = fakePagerDutyApi();
    const d = deps(api.fetch);
    const result = await readIncidentWithToken(d, access(), PAGE);
    expect(api.calls.map((call) => call.url).sort()).toEqual([
      `https://api.pagerduty.com/incidents/${INCIDENT_ID}/alerts?limit=100&sort_by=created_at:asc`,
      `https://api.pagerduty.com/incidents/${INCIDENT_ID}/custom_fields/values`,
      `https://api.pagerduty.com/incidents/${INCIDENT_ID}?include[]=services&include[]=conference_bridge`,
    ]);
    for (const { init } of api.calls) {
      expect(init.headers).toEqual({
        Accept: 'application/vnd.pagerduty+json;version=2',
        Authorization: `Token token=${TOKEN}`,
      });
      expect(init.credentials).toBe('omit');
      expect(init.redirect).toBe('error');
    }
    expect(d.hasOriginPermission).toHaveBeenCalledExactlyOnceWith('https://api.pagerduty.com');
    expect(result.ok && result.value).toMatchObject({
      title: 'Checkout API p99 latency above 2s',
      status: 'acknowledged',
      custom_fields: { environment: 'production', region: 'us-east-1' },
      alert_details: { region: 'us-east-1', observed_ms: 3412 },
    });
    // Every field the three answers give, as the PagerDuty mapping reads them.
    expect(result).toEqual(ok(EXPECTED.pagerduty));
  });

  it('percent-encodes an incident id that looks like a path', async () => {
    const api = fakePagerDutyApi();
    const d = deps(api.fetch);
    await readIncidentWithToken(d, access(), { ...PAGE, id: '../users/me?x=' });
    expect(api.calls[0]?.url).toBe(
      'https://api.pagerduty.com/incidents/..%2Fusers%2Fme%3Fx%3D?include[]=services&include[]=conference_bridge',
    );
  });

  it('refuses, before any request, an API origin the user has not granted', async () => {
    const api = fakePagerDutyApi();
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
    const api = fakePagerDutyApi({ [`/incidents/${INCIDENT_ID}`]: answer });
    const d = deps(api.fetch);
    const result = await readIncidentWithToken(d, access(), PAGE);
    expect(result).toEqual(fail(message));
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('still answers with the incident when only the custom fields or alerts fail', async () => {
    const api = fakePagerDutyApi({
      '/custom_fields/values': () => new Response('', { status: 403 }),
      '/alerts': () => new Response('not json'),
    });
    const d = deps(api.fetch);
    const result = await readIncidentWithToken(d, access(), PAGE);
    expect(result.ok && result.value?.title).toBe('Checkout API p99 latency above 2s');
    // The incident's own fields, exactly: none from the custom fields or the alerts.
    const {
      custom_fields: _fields,
      custom_fields_by_display_name: _byDisplayName,
      custom_field_values: _values,
      alert_details: _alert,
      alert_keys: _keys,
      ...incidentOnly
    } = EXPECTED.pagerduty;
    expect(result).toEqual(ok(incidentOnly));
  });
});

describe('readIncidentWithToken (background), Opsgenie and JSM Operations by the saved base', () => {
  const CLOUD_ID = 'a436116f-02ce-4520-8fbb-7301462a1674';
  const JSM_BASE = `https://api.atlassian.com/jsm/ops/api/${CLOUD_ID}`;
  const BASIC = 'jane@acme.example:ATATT3xFfGF0-s3cr3t';
  const JSM_PAGE = makeIncident({ site: 'opsgenie', id: JSM_OPS.id, title: 'Checkout…', url: JSM_OPS.url });

  function fakeApi(answer: () => Response) {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      calls.push({ url: String(input), init });
      return answer();
    });
    return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
  }
  const deps = (fetch: typeof globalThis.fetch) => ({ fetch, hasOriginPermission: vi.fn(async () => true) });

  it('a JSM Operations base calls Get alert there with Basic email:api_token, no cookies, no redirects', async () => {
    const api = fakeApi(() => new Response(readFixture('opsgenie', 'api-jsm-alert.json')));
    const d = deps(api.fetch);
    const result = await readIncidentWithToken(
      d,
      { site: 'opsgenie', base: `${JSM_BASE}/`, token: BASIC, savedAt: 1 },
      JSM_PAGE,
    );
    expect(api.calls.map((call) => call.url)).toEqual([`${JSM_BASE}/v1/alerts/${JSM_OPS.id}`]);
    expect(api.calls[0]?.init).toMatchObject({
      headers: { Accept: 'application/json', Authorization: `Basic ${btoa(BASIC)}` },
      credentials: 'omit',
      redirect: 'error',
    });
    expect(d.hasOriginPermission).toHaveBeenCalledExactlyOnceWith(`${JSM_BASE}/`);
    expect(result).toEqual(ok(EXPECTED_JSM));
  });

  it('names JSM Operations, never the token, when it refuses', async () => {
    const api = fakeApi(() => new Response('{"code":401,"message":"Unauthorized"}', { status: 401 }));
    const result = await readIncidentWithToken(
      deps(api.fetch),
      { site: 'opsgenie', base: JSM_BASE, token: BASIC, savedAt: 1 },
      JSM_PAGE,
    );
    expect(result).toEqual(
      fail('Jira Service Management Operations API answered 401 (signed out, or the token is wrong)'),
    );
    expect(JSON.stringify(result)).not.toContain('s3cr3t');
    expect(JSON.stringify(result)).not.toContain(btoa(BASIC));
  });

  it.each([
    'https://api.opsgenie.com',
    'https://api.atlassian.com.evil.example/jsm/ops/api/x',
    `https://api.atlassian.com/jsm/ops/api/${CLOUD_ID}/../../../ex/jira/${CLOUD_ID}`,
  ])('any other base (%s) keeps Opsgenie: GenieKey, Get Alert v2', async (base) => {
    const api = fakeApi(() => new Response(readFixture('opsgenie', 'api-alert.json')));
    const result = await readIncidentWithToken(
      deps(api.fetch),
      { site: 'opsgenie', base, token: 'genie-key-1234', savedAt: 1 },
      makeIncident({ site: 'opsgenie', id: VENDORS.opsgenie.id, url: VENDORS.opsgenie.url }),
    );
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]?.url).toBe(`${base}/v2/alerts/${VENDORS.opsgenie.id}?identifierType=id`);
    expect(api.calls[0]?.init.headers).toEqual({ Authorization: 'GenieKey genie-key-1234' });
    expect(result).toEqual(ok(EXPECTED.opsgenie));
  });
});
