import { describe, expect, it } from 'vitest';
import type { RenderedRequest } from '@/lib/model/request';
import { renderJsonBody } from '@/lib/render/json-body';
import { MASK, maskRequest } from '@/lib/render/mask';
import { renderRequest } from '@/lib/render/request';
import { renderTemplate } from '@/lib/render/template';
import { findTemplateProblems } from '@/lib/render/template-problems';
import { renderUrl, urlTemplateProblem } from '@/lib/render/url';
import { HOSTILE_VALUES, makeAction, makeIncident, newInvocation } from '../../support/builders';

/** A template scope from dotted names: `{'incident.title': 'x'}` gives `{incident: {title: 'x'}}`. */
function lookupOf(values: Record<string, string>): object {
  const scope: Record<string, Record<string, string> | string> = {};
  for (const [name, value] of Object.entries(values)) {
    const [root = '', key] = name.split('.');
    if (key === undefined) scope[root] = value;
    else scope[root] = { ...(scope[root] as Record<string, string> | undefined), [key]: value };
  }
  return scope;
}

/** A scope that would leak if any value were expanded a second time. */
const trapLookup = (title: string) =>
  lookupOf({ 'incident.title': title, 'incident.id': 'LEAKED-ID', 'incident.url': 'LEAKED-URL', secret: 'LEAKED' });

const renderText = (template: string, scope: object) => renderTemplate(template, scope);

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(`expected ok, got error: ${result.error}`);
  return result.value;
}

function expectError(result: { ok: true; value: unknown } | { ok: false; error: string }): string {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('findTemplateProblems', () => {
  it('accepts the known variables, with or without inner spaces', () => {
    expect(findTemplateProblems('{{incident.id}} {{ incident.title }} {{incident.url}}')).toEqual([]);
    expect(findTemplateProblems('no placeholders, {single} braces are fine')).toEqual([]);
  });

  it('names an unknown variable and its 1-based position', () => {
    const problems = findTemplateProblems('id={{incident.idd}}&x={{secret}}');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('Unknown variable "incident.idd" at character 6');
    expect(problems[1]).toContain('Unknown variable "secret" at character 25');
    // The message lists what may be used instead.
    expect(problems[0]).toContain('incident.id, incident.number, incident.title');
  });

  it('checks variables in filters and tags too', () => {
    expect(findTemplateProblems('{{ incident.title | default: incident.nope }}')[0]).toContain(
      'Unknown variable "incident.nope"',
    );
    expect(findTemplateProblems('{% if incident.priority == "P1" %}x{% endif %}')).toEqual([]);
  });

  it.each([
    ['{{incident.id', 'output "{{incident.id" not closed, line:1, col:1'],
    ['{{incident.id}', 'output "{{incident.id}" not closed, line:1, col:1'],
    ['a\n{% if incident.id %}', 'tag {% if incident.id %} not closed, line:2, col:1'],
    ['{{ incident.id | nosuch }}', 'undefined filter: nosuch'],
  ])('reports a syntax error in %j with its line and column', (template, message) => {
    const problems = findTemplateProblems(template.replace('\\n', '\n'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});

describe('renderText', () => {
  it('inserts values literally, in one pass', () => {
    for (const value of HOSTILE_VALUES) {
      // `$&`-style patterns and `{{...}}` in a value must come out exactly as they went in.
      expect(expectOk(renderText('<{{incident.title}}>', trapLookup(value)))).toBe(`<${value}>`);
    }
  });

  it('names every variable without a value, once each', () => {
    const error = expectError(renderText('{{incident.id}} {{incident.title}} {{incident.id}}', lookupOf({})));
    expect(error).toBe('No value on this page for {{incident.id}}, {{incident.title}}: nothing was sent');
  });
});

describe('renderJsonBody', () => {
  const template = JSON.stringify({
    title: '{{incident.title}}',
    mixed: 'Title: {{incident.title}}!',
    nested: { list: ['{{incident.title}}', 7, true, null] },
    count: 3,
  });

  it('places every hostile value into string leaves without changing the structure', () => {
    for (const value of HOSTILE_VALUES) {
      const rendered = expectOk(renderJsonBody(template, trapLookup(value)));
      const text = JSON.stringify(rendered);
      // Round-trips to exactly the intended tree: no key added, no string closed early.
      expect(JSON.parse(text)).toEqual({
        title: value,
        mixed: `Title: ${value}!`,
        nested: { list: [value, 7, true, null] },
        count: 3,
      });
      // A `{{...}}` inside a value is text, never a second expansion.
      expect(text).not.toContain('LEAKED');
    }
  });

  it('escapes </script> and line breaks as JSON text', () => {
    const value = 'He said "restart", then\n</script><img src=x onerror=alert(1)>';
    const text = JSON.stringify(expectOk(renderJsonBody('{"t":"{{incident.title}}"}', trapLookup(value))));
    expect(text).not.toContain('\n');
    expect(text).toBe(`{"t":${JSON.stringify(value)}}`);
  });

  it('carries a 1 MB value intact', () => {
    const value = '"\\{{}}<\n'.repeat(131_072); // 1 MiB of characters that all need care
    expect(value.length).toBe(1_048_576);
    const rendered = expectOk(renderJsonBody('{"t":"{{incident.title}}"}', trapLookup(value)));
    expect(JSON.parse(JSON.stringify(rendered))).toEqual({ t: value });
  });

  it('keeps a "__proto__" template key as an own key and pollutes no prototype', () => {
    const body = '{"__proto__":{"polluted":"{{incident.title}}"},"constructor":{"prototype":{"polluted":"yes"}}}';
    const rendered = expectOk(renderJsonBody(body, trapLookup('x'))) as Record<string, unknown>;
    expect(Object.hasOwn(rendered, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(rendered)).toBe(Object.prototype);
    expect((rendered as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(JSON.parse(JSON.stringify(rendered))).toEqual(JSON.parse(body.replace('{{incident.title}}', 'x')));
    expect(JSON.stringify(rendered)).toContain('"__proto__":{"polluted":"x"}');
  });

  it('keeps object keys literal, even when they look like placeholders', () => {
    const rendered = expectOk(renderJsonBody('{"{{incident.title}}":"v"}', trapLookup('x')));
    expect(rendered).toEqual({ '{{incident.title}}': 'v' });
  });

  it('names the missing values and renders nothing', () => {
    const result = renderJsonBody('{"a":"{{incident.title}}","b":"x {{incident.url}}","c":"{{incident.title}}"}', {});
    expect(result).toEqual({
      ok: false,
      error: 'No value on this page for {{incident.title}}, {{incident.url}}: nothing was sent',
    });
  });

  it('refuses a template that is not JSON', () => {
    expect(expectError(renderJsonBody('{"a":', trapLookup('x')))).toContain('not valid JSON');
  });
});

describe('renderUrl', () => {
  const base = 'https://hooks.example.com';

  it('percent-encodes values into the path and query, never past them', () => {
    for (const value of HOSTILE_VALUES) {
      const href = expectOk(
        renderUrl(`${base}/incidents/{{incident.title}}/ack?t={{incident.title}}`, trapLookup(value)),
      );
      const url = new URL(href);
      expect(url.origin).toBe(base);
      expect(url.username + url.password).toBe('');
      expect(url.pathname).toBe(`/incidents/${encodeURIComponent(value)}/ack`);
      expect(url.searchParams.get('t')).toBe(value);
      expect([...url.searchParams.keys()]).toEqual(['t']);
      expect(url.hash).toBe('');
    }
  });

  it.each([
    ['a/b', '/x/a%2Fb'],
    ['?admin=1', '/x/%3Fadmin%3D1'],
    ['#frag', '/x/%23frag'],
    ['@evil.example', '/x/%40evil.example'],
    ['user:pw@evil.example', '/x/user%3Apw%40evil.example'],
  ])('a value %j stays inside its path segment', (value, pathname) => {
    const url = new URL(expectOk(renderUrl(`${base}/x/{{incident.id}}`, lookupOf({ 'incident.id': value }))));
    expect(url.host).toBe('hooks.example.com');
    expect(url.pathname).toBe(pathname);
    expect(url.search + url.hash).toBe('');
  });

  it.each([
    'https://{{incident.id}}.example.com/',
    'https://hooks.example.com{{incident.id}}/',
    'https://hooks.example.com:{{incident.id}}/',
    'https://{{incident.id}}@hooks.example.com/',
    '{{incident.url}}',
    'https://{{incident.url}}',
  ])('refuses a placeholder in the scheme, host or port: %s', (template) => {
    const error = expectError(renderUrl(template, trapLookup('x')));
    expect(urlTemplateProblem(template)).toBe(error);
    expect(error).toMatch(/cannot contain placeholders|Enter a full URL/);
  });

  it.each([
    'javascript:alert(1)',
    'data:text/plain,hello',
    'file:///etc/passwd',
    'ftp://files.example.com/x',
    'ws://hooks.example.com/socket',
    'chrome-extension://abc/page.html',
  ])('refuses the non-http URL %s', (template) => {
    expect(renderUrl(template, trapLookup('x')).ok).toBe(false);
  });

  it.each(['https://user:pass@hooks.example.com/', 'https://token@hooks.example.com/x'])(
    'refuses credentials in %s',
    (template) => {
      expect(expectError(renderUrl(template, trapLookup('x')))).toBe(
        'Put credentials in a secret header, not in the URL',
      );
    },
  );

  it('accepts plain http and https endpoints with a port', () => {
    expect(expectOk(renderUrl('http://localhost:8080/hook', trapLookup('x')))).toBe('http://localhost:8080/hook');
    expect(expectOk(renderUrl('https://hooks.example.com:8443/a?b=c', trapLookup('x')))).toBe(
      'https://hooks.example.com:8443/a?b=c',
    );
  });

  it('names a missing value instead of sending a hole', () => {
    expect(expectError(renderUrl(`${base}/{{incident.title}}`, lookupOf({})))).toContain('{{incident.title}}');
  });
});

describe('renderUrl refusals', () => {
  it.each(['.', '..'])('refuses a value of %j, which would move the path', (title) => {
    const result = renderUrl('https://hooks.example.com/api/jobs/{{incident.title}}/run', trapLookup(title));
    expect(expectError(result)).toBe(`A value of "${title}" would change the URL path: refused`);
  });

  it('refuses a lone surrogate with a message instead of throwing', () => {
    const result = renderUrl('https://hooks.example.com/t?title={{incident.title}}', trapLookup('bad \uD800 title'));
    expect(expectError(result)).toContain('lone surrogate');
  });
});

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
