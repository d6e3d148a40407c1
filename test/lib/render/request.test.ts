import { describe, expect, it } from 'vitest';
import { renderRequest } from '@/lib/render/request';
import { makeAction, makeIncident, newInvocation } from '../../support/builders';
import { expectError, expectOk } from '../../support/templates';

describe('renderRequest', () => {
  it('refuses a header value that fetch could not carry (above Latin-1)', () => {
    const action = makeAction({ headers: [{ name: 'X-Title', value: '{{incident.title}}', secret: false }] });
    const error = expectError(renderRequest(action, makeIncident({ title: 'disk 🔥 火事' })));
    expect(error).toBe('The value of header "X-Title" has characters a header cannot carry: put it in the body');
    expect(renderRequest(action, makeIncident({ title: 'Café déjà vu' })).ok).toBe(true);
  });

  it.each([
    ['CR', 'before\rafter'],
    ['LF', 'before\nafter'],
    ['CRLF injection', 'x\r\nX-Injected: 1'],
    ['NUL', 'before\0after'],
  ])('refuses a %s in a rendered header value', (_kind, title) => {
    const action = makeAction({ headers: [{ name: 'X-Title', value: 'T: {{incident.title}}', secret: false }] });
    const error = expectError(renderRequest(action, makeIncident({ title })));
    expect(error).toBe('The value of header "X-Title" would contain a line break: refused');
  });

  it('sends a JSON body with one Content-Type: application/json', () => {
    const request = expectOk(renderRequest(makeAction(), makeIncident()));
    expect(request.headers.filter(([name]) => name.toLowerCase() === 'content-type')).toEqual([
      ['Content-Type', 'application/json'],
    ]);
    expect(JSON.parse(request.body ?? '')).toEqual({
      incident_id: 'Q1DBFULL7X2M',
      title: 'Database disk full on db-prod-3',
    });
  });

  it("keeps the action's own Content-Type instead of adding a second", () => {
    const action = makeAction({
      headers: [{ name: 'content-type', value: 'application/vnd.api+json', secret: false }],
    });
    const invocation = newInvocation();
    const request = expectOk(renderRequest(action, makeIncident(), { invocation }));
    expect(request.headers).toEqual([
      ['content-type', 'application/vnd.api+json'],
      ['Idempotency-Key', invocation.id],
    ]);
  });

  it.each(['', '  \n '])('sends a GET with body template %j without body or Content-Type', (body) => {
    const action = makeAction({ method: 'GET', body, url: 'https://hooks.example.com/q?id={{incident.id}}' });
    const invocation = newInvocation();
    const request = expectOk(renderRequest(action, makeIncident(), { invocation }));
    expect(request).toEqual({
      method: 'GET',
      url: 'https://hooks.example.com/q?id=Q1DBFULL7X2M',
      headers: [['Idempotency-Key', invocation.id]],
    });
  });

  it('sends one Idempotency-Key, the invocation, unless the action sets its own', () => {
    const invocation = newInvocation();
    const keyed = expectOk(renderRequest(makeAction(), makeIncident(), { invocation }));
    expect(keyed.headers.filter(([name]) => name === 'Idempotency-Key')).toEqual([['Idempotency-Key', invocation.id]]);
    const own = makeAction({ headers: [{ name: 'idempotency-key', value: 'pd-{{incident.id}}', secret: false }] });
    const request = expectOk(renderRequest(own, makeIncident(), { invocation }));
    expect(request.headers.filter(([name]) => name.toLowerCase() === 'idempotency-key')).toEqual([
      ['idempotency-key', 'pd-Q1DBFULL7X2M'],
    ]);
  });

  it('refuses when a header names a value the page does not have', () => {
    const action = makeAction({ headers: [{ name: 'X-Title', value: '{{incident.title}}', secret: false }] });
    expect(expectError(renderRequest(action, makeIncident({ title: undefined })))).toContain('{{incident.title}}');
  });

  it('reads own properties only: a prototype key in a path has no value', () => {
    for (const path of ['incident.__proto__', 'incident.constructor', 'incident.title.constructor', 'constructor']) {
      const action = makeAction({ body: `{"v": "{{ ${path} }}", "w": "[{{ ${path} | default: '' }}]"}` });
      expect(expectError(renderRequest(action, makeIncident()))).toBe(
        `No value on this page for {{${path}}}: nothing was sent`,
      );
      const lenient = makeAction({ body: `{"w": "[{{ ${path} | default: '' }}]"}` });
      expect(JSON.parse(expectOk(renderRequest(lenient, makeIncident())).body ?? '')).toEqual({ w: '[]' });
    }
  });
});

describe('body formats', () => {
  const hostile = makeIncident({ title: 'a&b=c d\n"quoted" {{ incident.id }}' });

  it('sends a form whose values cannot add a field', () => {
    const action = makeAction({ bodyFormat: 'form', body: 'title={{ incident.title }}&id={{ incident.id }}' });
    const request = renderRequest(action, hostile);
    if (!request.ok) throw new Error(request.error);
    expect(request.value.headers).toContainEqual(['Content-Type', 'application/x-www-form-urlencoded']);
    const form = new URLSearchParams(request.value.body);
    expect([...form.keys()]).toEqual(['title', 'id']);
    expect(form.get('title')).toBe(hostile.title);
  });

  it('sends plain text as the template renders it', () => {
    const action = makeAction({
      bodyFormat: 'text',
      body: 'Incident {{ incident.id }}: {{ incident.title | upcase }}',
    });
    const request = renderRequest(action, makeIncident());
    expect(request.ok && request.value.body).toBe('Incident Q1DBFULL7X2M: DATABASE DISK FULL ON DB-PROD-3');
    expect(request.ok && request.value.headers).toContainEqual(['Content-Type', 'text/plain; charset=utf-8']);
  });
});
