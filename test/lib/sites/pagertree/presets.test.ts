import { describe, expect, it } from 'vitest';
import type { IncidentSnapshot } from '@/lib/model/incident';
import { renderRequest } from '@/lib/render/request';
import { makeIncident } from '../../../support/builders';
import { actionFrom, FULL, INVOCATION, SECRETS } from '../../../support/presets';
import { judgePagerTreeWebhook } from '../../../support/receivers/pagertree';

describe('PagerTree presets', () => {
  const render = (id: string, incident: IncidentSnapshot = FULL) => {
    const request = renderRequest(actionFrom(id), incident, { secrets: SECRETS, invocation: INVOCATION });
    if (!request.ok) throw new Error(request.error);
    return request.value;
  };
  const headersOf = (headers: [string, string][]) =>
    Object.fromEntries(headers.map(([name, value]) => [name.toLowerCase(), value]));

  it('create, acknowledge and resolve share one Id and are accepted under PagerTree’s rules', () => {
    const ids = new Set<unknown>();
    for (const event of ['create', 'acknowledge', 'resolve']) {
      const request = render(`pagertree-${event}`);
      const verdict = judgePagerTreeWebhook(headersOf(request.headers), request.body ?? '', SECRETS.pagertree_token);
      expect(verdict).toMatchObject({ status: 200, alert: { event_type: event } });
      ids.add(verdict.alert?.id);
      expect(verdict.alert?.dedup_keys).toEqual([verdict.alert?.id]);
    }
    expect([...ids]).toEqual([`pagerduty-${FULL.id}`]);
    expect(JSON.parse(render('pagertree-create').body ?? '')).toMatchObject({
      Title: FULL.title,
      Urgency: 'critical',
      Tags: ['incident-actions', 'pagerduty'],
      Meta: { custom_fields: FULL.custom_fields, service: 'Checkout API' },
    });
  });

  it('maps urgency and priority to PagerTree’s urgencies', () => {
    const urgency = (fields: Partial<IncidentSnapshot>) =>
      (JSON.parse(render('pagertree-create', makeIncident(fields)).body ?? '') as { Urgency: string }).Urgency;
    expect(urgency({ priority: 'P2' })).toBe('high');
    expect(urgency({ urgency: 'low' })).toBe('low');
    expect(urgency({ urgency: 'high' })).toBe('high');
    expect(urgency({})).toBe('medium');
  });

  it('the receiver’s rules are real: a wrong token is 403, keys are case-insensitive, a bad event is 400', () => {
    const request = render('pagertree-create');
    expect(judgePagerTreeWebhook(headersOf(request.headers), request.body ?? '', 'another-token').status).toBe(403);
    expect(judgePagerTreeWebhook({}, '{"EVENT_TYPE":"resolve","ID":"x"}', undefined)).toMatchObject({ status: 200 });
    expect(judgePagerTreeWebhook({}, '{"event_type":"close","Id":"x"}', undefined).status).toBe(400);
  });

  it('refuses to send without the token secret, naming it', () => {
    const request = renderRequest(actionFrom('pagertree-create'), FULL, { secrets: {} });
    expect(request).toEqual({ ok: false, error: expect.stringContaining('"pagertree_token" is not set') });
  });
});
