/** A site the user defined, for the custom-site tests. Not a test file itself (vitest only collects *.test.ts[x]). */
import type { CustomSite } from '@/lib/model/custom-site';

/** Every kind of field rule: a selector, an attribute, a regex, and one selector that does not parse. */
export const ACME_ON_CALL: CustomSite = {
  id: 'acme-on-call',
  name: 'Acme On-call',
  urlPattern: 'https://oncall.internal.example/*',
  incidentIdRegex: '^/incidents/(INC-[0-9]+)',
  anchorSelector: '.toolbar',
  fields: [
    { field: 'title', selector: 'h1' },
    { field: 'status', selector: '.state', attribute: 'data-state' },
    { field: 'number', selector: '.ref', regex: '#(\\d+)' },
    { field: 'custom_fields.region', selector: '.region', regex: 'Region: (\\S+)' },
    { field: 'priority', selector: '[[broken selector' },
  ],
  createdAt: 1,
  updatedAt: 1,
};
