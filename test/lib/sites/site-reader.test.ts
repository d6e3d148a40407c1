import { describe, expect, it } from 'vitest';
import { pagerDuty } from '@/lib/sites/pagerduty/page';
import { findDock, readIncident, readIncidentFromAddress, sourceForUrl } from '@/lib/sites/site-reader';

const URL_OF_INCIDENT = 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M';

describe('reading with one site’s sources', () => {
  it('reads that site’s pages, and no other site’s', () => {
    expect(sourceForUrl(new URL(URL_OF_INCIDENT), [pagerDuty])?.incidentId).toBe('Q1DBFULL7X2M');
    expect(sourceForUrl(new URL('https://acme.app.opsgenie.com/alert/detail/abc'), [pagerDuty])).toBeUndefined();
    expect(readIncident(document, URL_OF_INCIDENT, [])).toBeUndefined();
  });

  it('gives at least what the address gives, on a page it does not recognise', () => {
    const doc = document.implementation.createHTMLDocument('');
    const read = readIncident(doc, URL_OF_INCIDENT, [pagerDuty]);
    expect(read).toMatchObject({ site: 'pagerduty', id: 'Q1DBFULL7X2M', url: URL_OF_INCIDENT });
    expect(read).toEqual(readIncidentFromAddress(doc, URL_OF_INCIDENT, [pagerDuty]));
    expect(findDock(pagerDuty, doc)).toBeUndefined();
  });
});
