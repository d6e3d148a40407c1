import { describe, expect, it } from 'vitest';
import { IncidentSnapshotSchema } from '@/lib/model/incident';
import { customSource } from '@/lib/sites/custom/page';
import { readIncident } from '@/lib/sites/registry';
import { ACME_ON_CALL as site } from '../../../support/custom-sites';

function page(body: string): Document {
  const doc = document.implementation.createHTMLDocument('x');
  doc.body.innerHTML = body;
  return doc;
}

describe('customSource', () => {
  const source = customSource(site);
  const href = 'https://oncall.internal.example/incidents/INC-42?tab=timeline';

  it('recognises its pages by pattern and id regex only', () => {
    expect(source.id).toBe('custom:acme-on-call');
    expect(source.incidentIdFromUrl(new URL(href))).toBe('INC-42');
    expect(source.incidentIdFromUrl(new URL('https://oncall.internal.example/incidents'))).toBeUndefined();
    expect(source.incidentIdFromUrl(new URL('https://evil.example/incidents/INC-42'))).toBeUndefined();
  });

  it('reads each field by selector, attribute and regex; a broken selector reads nothing', () => {
    const doc = page(`
      <h1> Queue   consumers stalled </h1>
      <span class="state" data-state="investigating">Investigating</span>
      <span class="ref">Ref #4242</span>
      <span class="region">Region: eu-central-1</span>
      <div class="toolbar"></div>`);
    const incident = readIncident(doc, href, [source]);
    expect(incident).toStrictEqual({
      site: 'custom:acme-on-call',
      id: 'INC-42',
      url: href,
      title: 'Queue consumers stalled',
      status: 'investigating',
      number: 4242,
      custom_fields: { region: 'eu-central-1' },
    });
    expect(IncidentSnapshotSchema.safeParse(incident).success).toBe(true);
    expect(source.findAnchor(doc)?.className).toBe('toolbar');
  });

  it('leaves out fields the page does not show, and hostile text stays text', () => {
    const hostile = '</h1><script>alert(1)</script> {{secret}}';
    const doc = page(`<h1></h1><span class="region">${hostile.replace(/</g, '&lt;')}</span>`);
    expect(readIncident(doc, href, [source])).toStrictEqual({ site: 'custom:acme-on-call', id: 'INC-42', url: href });
  });
});
