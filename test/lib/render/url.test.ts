import { describe, expect, it } from 'vitest';
import { renderUrl, urlTemplateProblem } from '@/lib/render/url';
import { HOSTILE_VALUES } from '../../support/builders';
import { expectError, expectOk, lookupOf, trapLookup } from '../../support/templates';

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
    ['javascript:alert(1)', 'Enter a full URL starting with https://'],
    ['data:text/plain,hello', 'Enter a full URL starting with https://'],
    ['file:///etc/passwd', 'Only http and https URLs can be called'],
    ['ftp://files.example.com/x', 'Only http and https URLs can be called'],
    ['ws://hooks.example.com/socket', 'Only http and https URLs can be called'],
    ['chrome-extension://abc/page.html', 'Only http and https URLs can be called'],
  ])('refuses the non-http URL %s', (template, message) => {
    expect(renderUrl(template, trapLookup('x'))).toEqual({ ok: false, error: message });
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
