import { describe, expect, it } from 'vitest';
import { withApiFields } from '@/lib/sites/merge-api-fields';
import { makeIncident } from '../../support/builders';

describe('withApiFields', () => {
  it('merges custom fields, and never lets the API change what identifies the incident', () => {
    const page = makeIncident({ custom_fields: { shown: 'on page', region: 'page' }, user: { name: 'Me' } });
    const merged = withApiFields(page, {
      title: 'API title',
      custom_fields: { region: 'api' },
      user: { name: 'Someone else' },
    });
    expect(merged).toEqual({ ...page, title: 'API title', custom_fields: { shown: 'on page', region: 'api' } });
  });
});
