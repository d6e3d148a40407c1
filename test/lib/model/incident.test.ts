import { describe, expect, it } from 'vitest';
import {
  IncidentSnapshotSchema,
  incidentPlace,
  isKnownVariable,
  readIncidentVariable,
  sameIncident,
} from '@/lib/model/incident';
import { makeIncident } from '../../support/builders';

const full = makeIncident({
  number: 4211,
  status: 'triggered',
  service: { id: 'PSVC1', name: 'Checkout API' },
  assignees: [{ name: 'Ada Lovelace', email: 'ada@example.com' }, { name: 'Grace Hopper' }],
  teams: [{ name: 'SRE' }],
  custom_fields: { region: 'eu-west-1', customers_affected: 120, paging: true, note: null },
  custom_fields_by_display_name: { Region: 'eu-west-1', 'Customers affected': 120 },
  alert_details: { host: 'db-prod-3', disk: { used: '99%' } },
});

describe('readIncidentVariable', () => {
  it.each([
    ['incident.id', 'Q1DBFULL7X2M'],
    ['incident.number', '4211'],
    ['incident.status', 'triggered'],
    ['incident.service', 'Checkout API'],
    ['incident.service.id', 'PSVC1'],
    ['incident.assignees', 'Ada Lovelace, Grace Hopper'],
    ['incident.teams', 'SRE'],
    ['incident.custom_fields.region', 'eu-west-1'],
    ['incident.custom_fields.customers_affected', '120'],
    ['incident.custom_fields.paging', 'true'],
    ['incident.alert_details.host', 'db-prod-3'],
    ['incident.alert_details.disk', '{"used":"99%"}'],
    ['incident.custom_fields_by_display_name.Region', 'eu-west-1'],
    ['incident.custom_fields_by_display_name.Customers affected', '120'],
  ])('reads %s', (name, expected) => {
    expect(readIncidentVariable(full, name)).toBe(expected);
  });

  it.each([
    'incident.urgency', // a field the page did not have
    'incident.custom_fields.note', // null
    'incident.custom_fields.missing',
    'incident.custom_fields.__proto__',
    'incident.custom_fields.constructor',
    'incident.custom_fields_by_display_name.region', // display names are matched exactly
    'incident.custom_fields_by_display_name.__proto__',
    'incident.alert_details.constructor',
    'incident.alert_details.__proto__',
    'incident.alert_details.host.length', // through a string's own property? strings are not objects here
    'incident.toString',
    'secret',
  ])('reads nothing for %s', (name) => {
    expect(readIncidentVariable(full, name)).toBeUndefined();
  });

  it('knows fixed paths and anything under custom_fields and alert_details, nothing else', () => {
    expect(isKnownVariable('incident.service.name')).toBe(true);
    expect(isKnownVariable('incident.custom_fields.anything')).toBe(true);
    expect(isKnownVariable('incident.custom_fields.')).toBe(false);
    expect(isKnownVariable('incident.service.secret')).toBe(false);
    expect(isKnownVariable('env.HOME')).toBe(false);
    // Whole maps, and paths into lists, as Liquid templates write them.
    expect(isKnownVariable('incident.custom_fields')).toBe(true);
    expect(isKnownVariable('incident.assignees.first.email')).toBe(true);
    expect(isKnownVariable('incident.teams.0.name')).toBe(true);
    expect(isKnownVariable('incident.assignees.')).toBe(false);
  });
});

describe('IncidentSnapshotSchema', () => {
  it('drops a "__proto__" custom field key instead of letting it reach a prototype', () => {
    const parsed = IncidentSnapshotSchema.parse(
      makeIncident({ custom_fields: JSON.parse('{"__proto__": {"polluted": 1}, "ok": 1}') }),
    );
    expect(Object.keys(parsed.custom_fields ?? {})).toEqual(['ok']);
    expect(Object.getPrototypeOf(parsed.custom_fields)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses custom field keys named constructor or prototype', () => {
    for (const key of ['constructor', 'prototype']) {
      expect(IncidentSnapshotSchema.safeParse(makeIncident({ custom_fields: { [key]: 'x' } })).success).toBe(false);
    }
  });

  it('refuses unknown sites and keeps custom ones to a safe id', () => {
    expect(IncidentSnapshotSchema.safeParse(makeIncident({ site: 'grafana-oncall' })).success).toBe(true);
    expect(IncidentSnapshotSchema.safeParse(makeIncident({ site: 'custom:acme-oncall' })).success).toBe(true);
    expect(IncidentSnapshotSchema.safeParse(makeIncident({ site: 'custom:../../x' })).success).toBe(false);
    expect(IncidentSnapshotSchema.safeParse(makeIncident({ site: 'jira' })).success).toBe(false);
  });
});

describe('incidentPlace and sameIncident', () => {
  it('tell apart the same id on two accounts, and match one incident across its sub-pages', () => {
    const at = (url: string, id = '1433') => ({ site: 'incident-io', id, url });
    expect(incidentPlace(at('https://app.incident.io/acme/incidents/1433/timeline?x=1'))).toBe(
      'https://app.incident.io/acme/incidents/1433',
    );
    expect(
      sameIncident(
        at('https://app.incident.io/acme/incidents/1433'),
        at('https://app.incident.io/acme/incidents/1433/timeline'),
      ),
    ).toBe(true);
    expect(
      sameIncident(
        at('https://app.incident.io/acme/incidents/1433'),
        at('https://app.incident.io/other/incidents/1433'),
      ),
    ).toBe(false);
    // An id only in the query: the origin is the account.
    expect(incidentPlace(at('https://oncall.example.com/view?incident=7', '7'))).toBe('https://oncall.example.com');
    expect(incidentPlace(at('not a url'))).toBe('');
  });
});
