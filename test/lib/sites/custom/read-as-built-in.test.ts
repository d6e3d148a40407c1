// @vitest-environment node
// A self-hosted Grafana OnCall, or a Jira site on a custom domain, registered as a site in the options page: read by
// the built-in adapter on that one host (Grafana over https or, only when the user registered it so, plain http).
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomSite } from '@/lib/model/custom-site';
import { CustomSiteSchema } from '@/lib/model/custom-site';
import { customSource } from '@/lib/sites/custom/page';
import { findDock, readIncident } from '@/lib/sites/registry';
import { readFixture, readFixtureJson } from '../../../support/site-fixtures';

const SAVED_URL = readFixture('grafana-oncall', 'self-hosted-oncall.url').trim();
const HTML = readFixture('grafana-oncall', 'self-hosted-oncall.html');
const { page_url: _page, ...EXPECTED } = readFixtureJson('grafana-oncall', 'self-hosted-oncall.expected.json');

const site = (urlPattern: string, reads: CustomSite['reads'] = 'grafana-oncall'): CustomSite =>
  CustomSiteSchema.parse({
    id: 'ops-grafana',
    name: 'Ops Grafana',
    urlPattern,
    incidentIdRegex: '/alert-groups/(I[A-Z0-9]{12,16})',
    fields: [],
    reads,
    createdAt: 1,
    updatedAt: 1,
  });

let open: Window[] = [];
afterEach(async () => {
  await Promise.all(open.map((window) => window.happyDOM.close()));
  open = [];
});

function load(href: string, html = HTML): Document {
  const window = new Window({ url: href });
  open.push(window);
  window.document.write(html);
  return window.document as unknown as Document;
}

describe('a self-hosted Grafana registered as a site', () => {
  it('is read by Grafana OnCall’s adapter on its https host', () => {
    const source = customSource(site('https://grafana.internal.example/*'));
    expect(source.id).toBe('grafana-oncall');
    expect(source.name).toBe('Ops Grafana');
    expect(source.matches).toEqual(['https://grafana.internal.example/*']);
    const doc = load(SAVED_URL);
    expect(readIncident(doc, SAVED_URL, [source])).toEqual({ ...EXPECTED, url: SAVED_URL });
    expect(findDock(source, doc)).toBeDefined();
  });

  it('over plain http only when registered with http, port and all', () => {
    const http = SAVED_URL.replace('https://grafana.internal.example', 'http://grafana.internal.example:3000');
    const source = customSource(site('http://grafana.internal.example:3000/*'));
    expect(source.matches).toEqual(['http://grafana.internal.example/*']);
    expect(readIncident(load(http), http, [source])).toMatchObject({
      site: 'grafana-oncall',
      id: EXPECTED.id,
      title: EXPECTED.title,
      html_url: http.replace(/\?.*$/, ''),
    });
    // The same page over https, on another port, or registered with https: not this site.
    expect(source.incidentIdFromUrl(new URL(SAVED_URL))).toBeUndefined();
    expect(source.incidentIdFromUrl(new URL(http.replace(':3000', ':3001')))).toBeUndefined();
    const httpsOnly = customSource(site('https://grafana.internal.example/*'));
    expect(httpsOnly.incidentIdFromUrl(new URL(http.replace(':3000', '')))).toBeUndefined();
  });

  it('needs Grafana’s own page markers, since the host alone says nothing', () => {
    const source = customSource(site('https://grafana.internal.example/*'));
    expect(
      readIncident(load(SAVED_URL, '<html><body><h3>#1 not grafana</h3></body></html>'), SAVED_URL, [source]),
    ).toBe(undefined);
  });

  it('falls back to the id regex on a pattern the adapter cannot take (subdomains)', () => {
    const source = customSource(site('https://*.grafana.internal.example/*'));
    expect(source.id).toBe('custom:ops-grafana');
    const href = 'https://a.grafana.internal.example/a/grafana-oncall-app/alert-groups/IB2M7XK4QW9RT';
    expect(source.incidentIdFromUrl(new URL(href))).toBe('IB2M7XK4QW9RT');
  });
});

describe('a Jira site on a custom domain registered as a site', () => {
  const JSM_URL = readFixture('opsgenie', 'self-hosted-jsm.url').trim();
  const JSM_HTML = readFixture('opsgenie', 'self-hosted-jsm.html');
  const { page_url: _jsm, ...JSM_EXPECTED } = readFixtureJson('opsgenie', 'self-hosted-jsm.expected.json');

  it('is read by the Opsgenie/JSM adapter on that https host, with Jira’s shell markers', () => {
    const source = customSource(site('https://ops.acme-corp.example/*', 'opsgenie'));
    expect(source.id).toBe('opsgenie');
    expect(readIncident(load(JSM_URL, JSM_HTML), JSM_URL, [source])).toEqual({ ...JSM_EXPECTED, url: JSM_URL });
    expect(readIncident(load(JSM_URL, '<html><body><h1>x</h1></body></html>'), JSM_URL, [source])).toBeUndefined();
    expect(source.incidentIdFromUrl(new URL(JSM_URL.replace('/jira/ops/alerts/', '/alert/detail/')))).toBeUndefined();
  });

  it('not over plain http: the pattern falls back to its id regex', () => {
    expect(customSource(site('http://ops.acme-corp.example/*', 'opsgenie')).id).toBe('custom:ops-grafana');
  });
});
