import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderJsonBody } from '@/lib/render/json-body';
import { renderRequest } from '@/lib/render/request';
import { renderTemplate } from '@/lib/render/template';
import { renderUrl } from '@/lib/render/url';
import { makeAction, makeIncident, newInvocation } from '../../support/builders';

/**
 * Properties over any string an incident page could put in a field: quotes, braces, `{{...}}` and `{%...%}`
 * look-alikes, line breaks, non-ASCII. Strings are drawn from the full Unicode range plus template syntax.
 */
const templateBits = fc.constantFrom('{{', '}}', '{%', '%}', '{{ incident.id }}', '{% raw %}', '"', '\\', '\n', '|');
const anyText = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), templateBits), { maxLength: 8 })
  .map((parts) => parts.join(''));
const scopeWith = (title: string) => ({ incident: { id: 'LEAKED-ID', title, url: 'LEAKED-URL' }, secret: 'LEAKED' });

describe('rendering properties (fast-check)', () => {
  it('a value round-trips unchanged through a JSON body, and adds no key', () => {
    fc.assert(
      fc.property(anyText, (title) => {
        const body = renderJsonBody(
          '{"title": "{{incident.title}}", "note": "Title: {{ incident.title }}.", "list": ["{{incident.title}}", 1]}',
          scopeWith(title),
        );
        expect(body.ok).toBe(true);
        const parsed = JSON.parse(JSON.stringify(body.ok && body.value));
        expect(parsed).toEqual({ title, note: `Title: ${title}.`, list: [title, 1] });
        expect(JSON.stringify(parsed)).not.toContain('LEAKED');
      }),
      { numRuns: 300 },
    );
  });

  it('a value stays inside its URL path segment or query value, and never changes the host', () => {
    fc.assert(
      fc.property(anyText, (title) => {
        const rendered = renderUrl(
          'https://hooks.example.com/run/{{incident.title}}?t={{incident.title}}',
          scopeWith(title),
        );
        // Refused exactly when the value would move the path, or has broken characters.
        expect(rendered.ok).toBe(!(['.', '..'].includes(title) || !title.isWellFormed()));
        if (!rendered.ok) return;
        const url = new URL(rendered.value);
        expect(url.host).toBe('hooks.example.com');
        expect(url.pathname).toBe(`/run/${encodeURIComponent(title)}`);
        expect([...url.searchParams.entries()]).toEqual([['t', title]]);
        expect(url.hash).toBe('');
      }),
      { numRuns: 300 },
    );
  });

  it('a value never adds a header: a line break is refused, anything else stays one value', () => {
    fc.assert(
      fc.property(anyText, (title) => {
        const action = makeAction({ headers: [{ name: 'X-Title', value: 'T {{incident.title}}', secret: false }] });
        const invocation = newInvocation();
        const request = renderRequest(action, makeIncident({ title }), { invocation });
        if (/[\r\n\0]/.test(title) || /[^\t\x20-\xff]/.test(title)) {
          expect(request.ok).toBe(false);
          return;
        }
        expect(request.ok && request.value.headers).toEqual([
          ['X-Title', `T ${title}`],
          ['Idempotency-Key', invocation.id],
          ['Content-Type', 'application/json'],
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it('a value is inserted as text, never rendered again', () => {
    fc.assert(
      fc.property(anyText, (title) => {
        expect(renderTemplate('<{{ incident.title }}>', scopeWith(title))).toEqual({ ok: true, value: `<${title}>` });
      }),
      { numRuns: 300 },
    );
  });

  it('a prototype key anywhere in a variable path reads nothing', () => {
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf');
    const segment = fc.oneof(key, fc.constantFrom('title', 'custom_fields', 'id'));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 0, maxLength: 3 }), key, (before, proto) => {
        const path = ['incident', ...before, proto].join('.');
        const incident = makeIncident({ custom_fields: { region: 'eu' } });
        expect(renderTemplate(`[{{ ${path} | default: "" }}]`, { incident })).toEqual({ ok: true, value: '[]' });
        expect(renderTemplate(`{{ ${path} }}`, { incident })).toEqual({
          ok: false,
          error: `No value on this page for {{${path}}}: nothing was sent`,
        });
      }),
      { numRuns: 200 },
    );
  });
});
