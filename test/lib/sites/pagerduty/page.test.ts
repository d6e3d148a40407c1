// @vitest-environment node
// Node environment: under happy-dom the global URL resolves `new URL('./incident.html', import.meta.url)`
// against the window location instead of file:, so the fixture loader cannot read its HTML. The page gets its
// own happy-dom Window below instead, with script evaluation on so the fixture's inline script fills it in.
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { pagerDuty } from '@/lib/sites/pagerduty/page';
import { readIncident } from '@/lib/sites/registry';
import {
  FIXTURE_INCIDENTS,
  type FixtureIncidentId,
  pagerDutyPage,
  shownTitle,
} from '../../../support/pagerduty-app/incidents';

describe('pagerDutyIncidentId', () => {
  it.each([
    ['https://acme.pagerduty.com/incidents/Q1DBFULL7X2M', 'Q1DBFULL7X2M'],
    ['https://acme.eu.pagerduty.com/incidents/Q2CPUHOT9K4L', 'Q2CPUHOT9K4L'],
    ['https://acme.pagerduty.com/incidents/Q1DBFULL7X2M/timeline', 'Q1DBFULL7X2M'],
    ['https://acme.pagerduty.com/incidents/Q1DBFULL7X2M/', 'Q1DBFULL7X2M'],
    ['https://acme.pagerduty.com/incidents/Q1DBFULL7X2M?tab=notes', 'Q1DBFULL7X2M'],
    ['https://acme.pagerduty.com/incidents/Q1DBFULL7X2M#log', 'Q1DBFULL7X2M'],
    ['https://acme.pagerduty.com:443/incidents/Q1DBFULL7X2M', 'Q1DBFULL7X2M'],
    // PagerDuty's own forms: 14 characters starting Q (current), 7 starting P (older); EU and 5+-letter accounts.
    ['https://subdomain.pagerduty.com/incidents/Q0SDD3HB6SGFTI', 'Q0SDD3HB6SGFTI'],
    ['https://webdemo.pagerduty.com/incidents/PT4KHLK', 'PT4KHLK'],
    ['https://pdt-flex-actions.eu.pagerduty.com/incidents/PRORDTY/log_entries/R2XGXEI3W0FHMRNU', 'PRORDTY'],
  ])('reads the id from %s', (url, id) => {
    expect(pagerDuty.incidentIdFromUrl(new URL(url))).toBe(id);
  });

  it.each([
    // The incident list and other app pages are not an incident.
    'https://acme.pagerduty.com/incidents',
    'https://acme.pagerduty.com/incidents/',
    'https://acme.pagerduty.com/',
    'https://acme.pagerduty.com/services/PABC123',
    'https://acme.pagerduty.com/x/incidents/Q1DBFULL7X2M',
    // Ids PagerDuty does not use: too short, too long, lower case (pages of the app), punctuation.
    'https://acme.pagerduty.com/incidents/Q1',
    'https://acme.pagerduty.com/incidents/ABCDEF',
    'https://acme.pagerduty.com/incidents/Q0SDD3HB6SGFTIX',
    `https://acme.pagerduty.com/incidents/${'A'.repeat(33)}`,
    'https://acme.pagerduty.com/incidents/q1dbfull7x2m',
    'https://acme.pagerduty.com/incidents/types',
    'https://acme.pagerduty.com/incidents/custom',
    'https://acme.pagerduty.com/incidents/Q1-DBFULL',
    'https://acme.pagerduty.com/incidents/Q1DB%2FFULL',
    // PagerDuty's own hosts, which serve no account: the status page, docs, APIs, login, static files.
    'https://status.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://status.pagerduty.com/incidents/PT4KHLK',
    'https://support.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://developer.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://community.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://api.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://api.eu.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://events.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://events.eu.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://app.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://app.eu.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://identity.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://www.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://pd-static-assets.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://eu.pagerduty.com/incidents/Q1DBFULL7X2M',
    // One account label only: deeper hosts are not an account's app.
    'https://a.acme.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://acme.us.pagerduty.com/incidents/Q1DBFULL7X2M',
    // Not PagerDuty, or not over https.
    'http://acme.pagerduty.com/incidents/Q1DBFULL7X2M',
    'https://pagerduty.com.evil.io/incidents/Q1DBFULL7X2M',
    'https://acme.pagerduty.com.evil.io/incidents/Q1DBFULL7X2M',
    'https://evilpagerduty.com/incidents/Q1DBFULL7X2M',
    'https://evil.example/incidents/Q1DBFULL7X2M',
    'https://evil.example/?next=https://acme.pagerduty.com/incidents/Q1DBFULL7X2M',
  ])('finds no incident on %s', (url) => {
    expect(pagerDuty.incidentIdFromUrl(new URL(url))).toBeUndefined();
  });
});

describe('readIncident (PagerDuty) over the fixture page', () => {
  let window: Window | undefined;
  afterEach(async () => {
    await window?.happyDOM.close();
    window = undefined;
  });

  /** The fixture app at `path`, after its inline script has shown the incident. */
  async function openFixture(path: string) {
    const opened = new Window({
      url: `https://acme.pagerduty.com${path}`,
      settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
    });
    window = opened;
    opened.document.write(pagerDutyPage());
    await opened.happyDOM.waitUntilComplete();
    return opened;
  }

  it.each(Object.keys(FIXTURE_INCIDENTS) as FixtureIncidentId[])(
    'reads incident %s as the page shows it',
    async (id) => {
      const page = await openFixture(`/incidents/${id}`);
      const incident = readIncident(page.document as unknown as Document, page.location.href);
      expect(incident).toEqual({
        site: 'pagerduty',
        id,
        number: FIXTURE_INCIDENTS[id].number,
        title: shownTitle(id),
        url: `https://acme.pagerduty.com/incidents/${id}`,
        html_url: `https://acme.pagerduty.com/incidents/${id}`,
      });
    },
  );

  it('collapses the hostile title to one line and keeps its text verbatim', async () => {
    const page = await openFixture('/incidents/Q3HOSTILE0ZZ');
    // The fixture really put a line break in the heading: the adapter is what removes it.
    expect(page.document.querySelector('h1')?.textContent).toContain('\n');
    const title = readIncident(page.document as unknown as Document, page.location.href)?.title;
    expect(title).toBe('He said "restart", then </script><img src=x onerror=alert(1)> {{secret}} \\o/');
  });

  it('follows in-app navigation to the next incident', async () => {
    const page = await openFixture('/incidents/Q1DBFULL7X2M');
    const link = page.document.querySelector('a[href="/incidents/Q2CPUHOT9K4L"]') as unknown as HTMLElement | null;
    link?.click();
    expect(page.location.pathname).toBe('/incidents/Q2CPUHOT9K4L');
    expect(readIncident(page.document as unknown as Document, page.location.href)).toMatchObject({
      id: 'Q2CPUHOT9K4L',
      title: 'CPU saturation on web-7',
    });
  });

  it('reads nothing on the incident list', async () => {
    const page = await openFixture('/incidents');
    expect(readIncident(page.document as unknown as Document, page.location.href)).toBeUndefined();
  });
});

describe('readIncident (PagerDuty) title selectors', () => {
  const href = 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M';

  function doc(body: string): Document {
    const window = new Window({ url: href });
    window.document.body.innerHTML = body;
    return window.document as unknown as Document;
  }

  it('prefers the test id, then .incident-title, then h1, skipping empty ones', () => {
    const all = '<h1>H1</h1><div class="incident-title">Class</div><div data-testid="incident-title">TestId</div>';
    expect(readIncident(doc(all), href)?.title).toBe('TestId');
    const blankTestId =
      '<h1>H1</h1><div class="incident-title">Class</div><div data-testid="incident-title"> \n </div>';
    expect(readIncident(doc(blankTestId), href)?.title).toBe('Class');
    expect(readIncident(doc('<h1>\n  Only\t\tthe   h1 \n</h1>'), href)?.title).toBe('Only the h1');
  });

  it('leaves the title undefined when the page shows none', () => {
    // Absent, not undefined-valued: a template can tell a missing value from an empty one.
    expect(readIncident(doc('<p>loading…</p>'), href)).toStrictEqual({
      site: 'pagerduty',
      id: 'Q1DBFULL7X2M',
      url: href,
      html_url: href,
    });
  });
});

describe('readIncident (PagerDuty) service', () => {
  const href = 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M';

  function read(body: string) {
    const window = new Window({ url: href });
    window.document.body.innerHTML = body;
    return readIncident(window.document as unknown as Document, href)?.service;
  }

  it("reads the name from ServicePopover's span, as public scripts do, without any header label", () => {
    // Only the evidenced element: no IncidentHeader_label__ (inferred) around it.
    const popover =
      '<a href="/service-directory/PCHK4PI" class="ServicePopover_serviceLink__X"><svg></svg>' +
      '<span class="ServicePopover_serviceName__Hc81d"> Checkout  API </span> <em>3 open</em></a>';
    expect(read(popover)).toEqual({ id: 'PCHK4PI', name: 'Checkout API' });
    expect(read('<span class="ServicePopover_serviceName__Hc81d">Checkout API</span>')).toEqual({
      name: 'Checkout API',
    });
  });

  it("reads the classic app's service link", () => {
    const classic = '<span class="pd-service-name__name"><a href="/services/PBIL9DB">EU Billing DB</a></span>';
    expect(read(classic)).toEqual({ id: 'PBIL9DB', name: 'EU Billing DB' });
  });
});
