import { describe, expect, it } from 'vitest';
import type { SiteFix } from '@/lib/model/site-fix';
import { withFix } from '@/lib/sites/apply-fix';
import { incidentIo } from '@/lib/sites/incident-io/page';
import { readIncident } from '@/lib/sites/registry';

const URL_ = 'https://app.incident.io/acme/incidents/1433';
/** A page in markup the adapter does not know (as lib/sites/incident-io/fixtures/unknown-markup.html). */
const PAGE = `<div class="IncidentPage_top__c3"><div class="IncidentPage_name__d4">Payments API timeouts</div>
  <div class="IncidentPage_buttons__e5"><div tabindex="0">Resolve</div></div></div>
  <div data-testid="sev">Major</div>`;
const fix = (overrides: Partial<SiteFix>): SiteFix => ({
  id: 'incident-io',
  site: 'incident-io',
  fields: [],
  updatedAt: 1,
  ...overrides,
});

function page(html = PAGE): Document {
  document.body.innerHTML = html;
  return document;
}

describe('a site fix over an adapter', () => {
  it('docks where the fix says and reads the fields it names, over what the adapter read', () => {
    const doc = page();
    expect(incidentIo.findAnchor(doc)).toBeUndefined();
    const fixed = withFix(
      incidentIo,
      fix({
        dockSelector: '[class*="IncidentPage_buttons__"]',
        fields: [
          { field: 'title', selector: '[class*="IncidentPage_name__"]' },
          { field: 'custom_fields.Severity', selector: '[data-testid="sev"]' },
        ],
      }),
    );
    expect(fixed.findAnchor(doc)?.className).toBe('IncidentPage_buttons__e5');
    expect(readIncident(doc, URL_, [fixed])).toMatchObject({
      site: 'incident-io',
      id: '1433',
      title: 'Payments API timeouts',
      custom_fields: { Severity: 'Major' },
    });
  });

  it('falls back to the adapter where its selectors miss or do not parse, and costs nothing without one', () => {
    const doc = page('<header><h1>Checkout down</h1></header>');
    const fixed = withFix(incidentIo, fix({ dockSelector: '[[nope', fields: [{ field: 'title', selector: ')))' }] }));
    expect(fixed.findAnchor(doc)).toBe(incidentIo.findAnchor(doc));
    expect(readIncident(doc, URL_, [fixed])).toEqual(readIncident(doc, URL_, [incidentIo]));
    expect(withFix(incidentIo, undefined)).toBe(incidentIo);
    expect(withFix(incidentIo, fix({}))).toBe(incidentIo);
  });
});
