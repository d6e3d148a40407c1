import { describe, expect, it } from 'vitest';
import { fieldOrigins, withApiOrigins } from '@/lib/sites/field-origins';
import { incidentIo } from '@/lib/sites/incident-io/page';

const URL_ = new URL('https://app.incident.io/acme/incidents/1433');

describe('where each field came from', () => {
  it('says page, fix, address or nothing, field by field; the API fills only what nothing else gave', () => {
    document.body.innerHTML = '<div class="name">Payments API timeouts</div>';
    const origins = fieldOrigins(
      incidentIo,
      { id: 'incident-io', site: 'incident-io', fields: [{ field: 'title', selector: '.name' }], updatedAt: 1 },
      document,
      URL_,
    );
    expect(origins).toMatchObject({ title: 'fix', number: 'url', status: 'none', priority: 'none' });
    expect(withApiOrigins(origins, { status: 'triggered', title: 'From the API' })).toMatchObject({
      title: 'fix',
      status: 'api',
      priority: 'none',
    });
  });

  it('a throwing adapter counts as reading nothing, never as an error', () => {
    const throwing = {
      ...incidentIo,
      readPage: () => {
        throw new Error('selector exploded');
      },
    };
    expect(Object.values(fieldOrigins(throwing, undefined, document, URL_)).every((o) => o === 'none')).toBe(true);
  });
});
