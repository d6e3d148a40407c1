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

  it('create, acknowledge and resolve share one Id and are taken by PagerTree’s parser', () => {
    const ids = new Set<unknown>();
    for (const event of ['create', 'acknowledge', 'resolve']) {
      const request = render(`pagertree-${event}`);
      const verdict = judgePagerTreeWebhook(headersOf(request.headers), request.body ?? '', SECRETS.pagertree_token);
      expect(verdict).toMatchObject({ status: 200, action: event });
      ids.add(verdict.thirdparty_id);
    }
    expect([...ids]).toEqual([`pagerduty-${FULL.id}`]);
    const created = judgePagerTreeWebhook(
      headersOf(render('pagertree-create').headers),
      render('pagertree-create').body ?? '',
      SECRETS.pagertree_token,
    );
    // The alert PagerTree makes of it.
    expect(created.alert).toEqual({
      title: FULL.title,
      description: `${FULL.title}\n\n${FULL.html_url}`,
      urgency: 'critical',
      thirdparty_id: `pagerduty-${FULL.id}`,
      dedup_keys: [`pagerduty-${FULL.id}`],
      incident: false,
      incident_severity: null,
      incident_message: null,
      tags: ['incident-actions', 'pagerduty'],
      meta: {
        incident_url: FULL.html_url,
        status: FULL.status,
        service: 'Checkout API',
        responder: 'Sam Rivera',
        custom_fields: FULL.custom_fields,
      },
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

  it('the receiver is PagerTree’s parser: the token is checked, nothing else is refused', () => {
    const request = render('pagertree-create');
    expect(judgePagerTreeWebhook(headersOf(request.headers), request.body ?? '', 'another-token').status).toBe(403);
    // Top-level keys in any case; an unknown event is "other", taken and ignored, not refused.
    expect(judgePagerTreeWebhook({}, '{"EVENT_TYPE":" Resolve ","ID":"x"}', undefined)).toEqual({
      status: 200,
      action: 'resolve',
      thirdparty_id: 'x',
    });
    expect(judgePagerTreeWebhook({}, '{"event_type":"close","Id":"x"}', undefined)).toMatchObject({
      status: 200,
      action: 'other',
    });
    // No id and no title: PagerTree makes a random id and takes the alert.
    expect(judgePagerTreeWebhook({}, '{"event_type":"create"}', undefined)).toMatchObject({
      status: 200,
      thirdparty_id: null,
      alert: { title: null, urgency: null, tags: [], dedup_keys: [] },
    });
    // An empty token on the integration checks nothing (option_token.present?).
    expect(judgePagerTreeWebhook({}, '{}', '').status).toBe(200);
    expect(judgePagerTreeWebhook({}, 'not json', undefined).status).toBe(400);
  });

  it('reads PagerTree’s own test request as PagerTree’s test expects (webhook/v3_test.rb)', () => {
    const create = {
      event_type: 'create',
      Id: 'example-id-123',
      Title: 'Example Incident Title',
      Description: 'Example Incident Description',
      Urgency: 'critical',
      Tags: ['a', 'b', 'c', 'c'],
      Meta: {
        incident: true,
        incident_severity: 'sev-1',
        incident_message: 'Please join conference bridge 1-800-123-4567',
        kube_pod_name: 'example-pod-name',
      },
      dedup_keys: ['group_my_whole_account'],
    };
    expect(judgePagerTreeWebhook({ 'pagertree-token': 'abc123' }, JSON.stringify(create), 'abc123')).toEqual({
      status: 200,
      action: 'create',
      thirdparty_id: 'example-id-123',
      alert: {
        title: 'Example Incident Title',
        description: 'Example Incident Description',
        urgency: 'critical',
        thirdparty_id: 'example-id-123',
        dedup_keys: ['group_my_whole_account'],
        incident: true,
        incident_severity: 'SEV-1',
        incident_message: 'Please join conference bridge 1-800-123-4567',
        tags: ['a', 'b', 'c'],
        meta: { kube_pod_name: 'example-pod-name' },
      },
    });
    expect(judgePagerTreeWebhook({ 'pagertree-token': '' }, JSON.stringify(create), 'abc123').status).toBe(403);
    expect(judgePagerTreeWebhook({}, JSON.stringify({ ...create, event_type: 'baaad' }), undefined).action).toBe(
      'other',
    );
  });

  it('refuses to send without the token secret, naming it', () => {
    const request = renderRequest(actionFrom('pagertree-create'), FULL, { secrets: {} });
    expect(request).toEqual({ ok: false, error: expect.stringContaining('"pagertree_token" is not set') });
  });
});
