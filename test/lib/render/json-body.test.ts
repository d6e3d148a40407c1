import { describe, expect, it } from 'vitest';
import { renderJsonBody } from '@/lib/render/json-body';
import { HOSTILE_VALUES } from '../../support/builders';
import { expectError, expectOk, trapLookup } from '../../support/templates';

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
