import { describe, expect, it } from 'vitest';
import { ActionSchema } from '@/lib/render/action-rules';
import { renderRequest } from '@/lib/render/request';
import { buildScope, extract } from '@/lib/render/scope';
import { makeAction } from '../../support/builders';
import { DISK_FULL_INCIDENT } from '../../support/templates';

describe('extraction variables (as PagerDuty Dynamic Field Extraction)', () => {
  it('gives named groups as an object, else the first group, else the whole match', () => {
    expect(extract('host db-prod-3 in eu', 'host (?<host>\\S+) in (?<region>\\S+)')).toEqual({
      host: 'db-prod-3',
      region: 'eu',
    });
    expect(extract('host db-prod-3 in eu', 'host (\\S+)')).toBe('db-prod-3');
    expect(extract('host db-prod-3 in eu', 'db-\\w+-\\d')).toBe('db-prod-3');
    expect(extract('nothing here', 'db-\\w+')).toBeUndefined();
  });

  it('computes variables in order, each able to use the ones before it', () => {
    const scope = buildScope(DISK_FULL_INCIDENT, [
      { kind: 'extract', name: 'host', source: 'incident.title', regex: 'on (\\S+?)\\.' },
      { kind: 'extract', name: 'cluster', source: 'incident.title', regex: 'cluster (?<name>\\w+)' },
      { kind: 'constant', name: 'team', value: 'dba' },
      {
        kind: 'compose',
        name: 'target',
        template: '{{ variables.team }}@{{ variables.host }}/{{ variables.cluster.name }}',
      },
      { kind: 'extract', name: 'shard', source: 'variables.host', regex: '\\d+$' },
      { kind: 'compose', name: 'gone', template: '{{ incident.urgency }}' },
    ]);
    expect(scope.ok && scope.value.variables).toEqual({
      host: 'db-prod-3',
      cluster: { name: 'orders' },
      team: 'dba',
      target: 'dba@db-prod-3/orders',
      shard: '3',
    });
  });

  it('renders them into the request, and names one that is missing instead of sending a hole', () => {
    const action = makeAction({
      url: 'https://hooks.example.com/{{ variables.host }}',
      body: '{"host": "{{ variables.host }}", "shard": "{{ variables.shard }}"}',
      variables: [
        { kind: 'extract', name: 'host', source: 'incident.title', regex: 'on (\\S+?)\\.' },
        { kind: 'extract', name: 'shard', source: 'incident.title', regex: 'shard (\\d+)' },
      ],
    });
    expect(renderRequest(action, DISK_FULL_INCIDENT)).toEqual({
      ok: false,
      error: 'No value on this page for {{variables.shard}}: nothing was sent',
    });
    const lenient = {
      ...action,
      body: '{"host": "{{ variables.host }}", "shard": "{{ variables.shard | default: 0 }}"}',
    };
    const request = renderRequest(lenient, DISK_FULL_INCIDENT);
    expect(request.ok && request.value.url).toBe('https://hooks.example.com/db-prod-3');
    expect(request.ok && JSON.parse(request.value.body ?? '')).toEqual({ host: 'db-prod-3', shard: 0 });
  });

  it('refuses a variable named like a prototype key only by its own rules, and reads no prototype', () => {
    const scope = buildScope(DISK_FULL_INCIDENT, [{ kind: 'constant', name: 'constructor', value: 'mine' }]);
    expect(scope.ok && scope.value.variables.constructor).toBe('mine');
    expect(
      ActionSchema.safeParse(makeAction({ variables: [{ kind: 'constant', name: '__proto__', value: 'x' }] })).success,
    ).toBe(false);
  });
});
