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
});
