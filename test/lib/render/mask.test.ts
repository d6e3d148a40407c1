import { describe, expect, it } from 'vitest';
import type { RenderedRequest } from '@/lib/model/request';
import { MASK, maskRequest } from '@/lib/render/mask';
import { renderRequest } from '@/lib/render/request';
import { makeAction, makeIncident } from '../../support/builders';
import { actionFrom, FULL, INVOCATION } from '../../support/presets';
import { AUTH_SECRETS, expectOk, renderWithSecrets, withAuth } from '../../support/templates';

describe('maskRequest', () => {
  const action = makeAction({
    headers: [
      { name: 'X-Custom-Auth', value: 'custom-secret-1', secret: true },
      { name: 'Authorization', value: 'Bearer sensitive-2', secret: false },
      { name: 'X-Api-Key', value: 'sensitive-3', secret: false },
      { name: 'X-Hub-Signature', value: 'sensitive-4', secret: false },
      { name: 'Cookie', value: 'sensitive-5', secret: false },
      { name: 'X-Trace', value: 'shown-{{incident.id}}', secret: false },
    ],
  });

  it('masks secret and sensitive-looking headers and shows the rest', () => {
    const request = expectOk(renderRequest(action, makeIncident()));
    const masked = maskRequest(request, action);
    expect(masked.headers).toEqual([
      ['X-Custom-Auth', MASK],
      ['Authorization', MASK],
      ['X-Api-Key', MASK],
      ['X-Hub-Signature', MASK],
      ['Cookie', MASK],
      ['X-Trace', 'shown-Q1DBFULL7X2M'],
      ['Idempotency-Key', request.headers.find(([name]) => name === 'Idempotency-Key')?.[1]],
      ['Content-Type', 'application/json'],
    ]);
    expect(JSON.stringify(masked)).not.toMatch(/custom-secret|sensitive-/);
    // URL, method and body are shown as they will be sent.
    expect({ ...masked, headers: [] }).toEqual({ ...request, headers: [] });
  });

  it('does not change the request that is sent', () => {
    const request = expectOk(renderRequest(action, makeIncident()));
    const copy: RenderedRequest = structuredClone(request);
    maskRequest(request, action);
    expect(request).toEqual(copy);
  });
});

describe('maskRequest, a secret rendered anywhere', () => {
  it('masks a secret wherever it went: auth header, query, a header template and the body', () => {
    const action = withAuth(
      { kind: 'query', param: 'authtoken', secret: 'token' },
      {
        headers: [{ name: 'X-Trace', value: 'k={{ secrets.token }}', secret: false }],
        body: '{"echo":"{{ secrets.token }}"}',
      },
    );
    const request = renderWithSecrets(action);
    expect(JSON.stringify(request)).toContain('tok-3f9a-77');
    const masked = JSON.stringify(maskRequest(request, action, Object.values(AUTH_SECRETS)));
    expect(masked).not.toContain('tok-3f9a');
    expect(masked).not.toContain('3f9a-77');
    expect(masked).toContain(MASK);
  });
});

describe('maskRequest, the endpoint named in the body', () => {
  it('hides PagerDuty V2’s webhook.endpoint_url, a Rundeck URL with its token in the path, and nothing else', () => {
    const url = 'https://rundeck.acme.example/api/47/webhook/Xq7Tk9mZpL2vRb8N#restart';
    const action = actionFrom('pagerduty-v2-custom', { url });
    const request = expectOk(renderRequest(action, FULL, { invocation: INVOCATION }));
    expect(request.body).toContain('Xq7Tk9mZpL2vRb8N');
    const shown = maskRequest(request, action);
    expect(shown.body).not.toContain('Xq7Tk9mZpL2vRb8N');
    expect(shown.body).not.toContain('rundeck.acme.example');
    const message = JSON.parse(shown.body ?? '').messages[0];
    expect(message.webhook.endpoint_url).toBe(MASK);
    // The rest of the body is as sent.
    const sent = JSON.parse(request.body ?? '').messages[0];
    expect({ ...message, webhook: null }).toEqual({ ...sent, webhook: null });
    // The request line still says where it goes: the modal shows it, the responder confirms it.
    expect(shown.url).toBe(request.url);
  });

  it('hides it in a text body too, and with a secret in its path', () => {
    const action = makeAction({
      url: 'https://hooks.example.org/t/{{ secrets.token }}/run',
      bodyFormat: 'text',
      body: 'sent to {{ action.url }} by {{ incident.id }}',
    });
    const request = renderWithSecrets(action);
    const shown = maskRequest(request, action, Object.values(AUTH_SECRETS));
    expect(shown.body).toBe(`sent to ${MASK} by ${makeIncident().id}`);
  });
});
