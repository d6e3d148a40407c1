import { describe, expect, it } from 'vitest';
import { CustomSiteSchema } from '@/lib/model/custom-site';
import { ACME_ON_CALL as site } from '../../support/custom-sites';

describe('CustomSiteSchema', () => {
  it('accepts a well-formed site', () => {
    expect(CustomSiteSchema.safeParse(site).success).toBe(true);
  });

  it.each([
    ['every URL', { urlPattern: '<all_urls>' }, 'urlPattern'],
    ['every host', { urlPattern: 'https://*/*' }, 'urlPattern'],
    ['a non-web scheme', { urlPattern: 'file:///etc/*' }, 'urlPattern'],
    ['every .com site', { urlPattern: 'https://*.com/*' }, 'urlPattern'],
    ['every .co.uk site, in capitals', { urlPattern: 'HTTPS://*.CO.UK/*' }, 'urlPattern'],
    ['every GitHub Pages site', { urlPattern: 'https://*.github.io/incidents/*' }, 'urlPattern'],
    ['every .dev site over http with a port', { urlPattern: 'http://*.dev:8080/*' }, 'urlPattern'],
    ['an id regex without a group', { incidentIdRegex: '^/incidents/INC-[0-9]+' }, 'incidentIdRegex'],
    ['an invalid id regex', { incidentIdRegex: '^/incidents/(' }, 'incidentIdRegex'],
    ['an invalid field regex', { fields: [{ field: 'title', selector: 'h1', regex: '(' }] }, 'fields.0.regex'],
    ['an unknown field', { fields: [{ field: 'secret', selector: 'h1' }] }, 'fields.0.field'],
    [
      'a reserved custom field name',
      { fields: [{ field: 'custom_fields.__proto__', selector: 'h1' }] },
      'fields.0.field',
    ],
  ])('refuses %s, at the field', (_what, patch, path) => {
    const parsed = CustomSiteSchema.safeParse({ ...site, ...patch });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('says why a wildcard over a public suffix is refused', () => {
    const parsed = CustomSiteSchema.safeParse({ ...site, urlPattern: 'https://*.com/*' });
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([
      'That *. covers every site under a public suffix: put your own domain after it, like https://*.example.com/*',
    ]);
  });

  it.each([
    'https://*.example.com/*',
    'https://*.acme.co.uk/*',
    'https://oncall.example.io/*',
    'https://acme.github.io/*',
    'http://*.internal.example.net:8443/*',
  ])('accepts %s: a registrable domain under the wildcard, or none', (urlPattern) => {
    expect(CustomSiteSchema.safeParse({ ...site, urlPattern }).success).toBe(true);
  });
});
