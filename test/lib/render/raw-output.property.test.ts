import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActionSchema } from '@/lib/render/action-rules';
import { renderRequest } from '@/lib/render/request';
import { renderUrl, urlTemplateProblem } from '@/lib/render/url';
import { makeAction, makeIncident } from '../../support/builders';

/** Values that would move a URL or add form fields if they were inserted unencoded. */
const structural = fc.constantFrom('/', '..', '?', '#', '&', '=', '../../admin/delete?force=true', '@', '%2F', ':');
const hostile = fc.array(fc.oneof(structural, fc.string()), { maxLength: 8 }).map((parts) => parts.join(''));
/** Ways to write the raw filter in an output or tag. */
const rawOutput = fc.constantFrom(
  '{{ incident.title | raw }}',
  '{{incident.title|raw}}',
  '{{ incident.title |\n raw }}',
  '{{ incident.title | upcase | raw }}',
  '{%- echo incident.title | raw -%}',
);

describe('| raw cannot bypass URL and form encoding (fast-check)', () => {
  it('a URL template with raw output is refused at validation and at render, whatever the value', () => {
    fc.assert(
      fc.property(rawOutput, hostile, (output, title) => {
        const template = `https://hooks.example.com/api/run/${output}`;
        expect(urlTemplateProblem(template)).toMatch(/"\| raw" cannot be used in the URL/);
        expect(renderUrl(template, { incident: { title } }).ok).toBe(false);
        const saved = ActionSchema.safeParse(makeAction({ url: template }));
        expect(saved.success).toBe(false);
        expect(saved.error?.issues.some((issue) => issue.path.join('.') === 'url')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a form body with raw output is refused; an encoded one keeps exactly its fields', () => {
    fc.assert(
      fc.property(rawOutput, hostile, (output, title) => {
        const raw = makeAction({ bodyFormat: 'form', body: `note=${output}&keep=1` });
        const saved = ActionSchema.safeParse(raw);
        expect(saved.error?.issues.some((issue) => issue.path.join('.') === 'body')).toBe(true);
        const refused = renderRequest(raw, makeIncident({ title }));
        expect(refused.ok).toBe(false);

        const encoded = renderRequest(
          makeAction({ bodyFormat: 'form', body: 'note={{ incident.title }}&keep=1' }),
          makeIncident({ title }),
        );
        if (!encoded.ok) throw new Error(encoded.error);
        expect([...new URLSearchParams(encoded.value.body).entries()]).toEqual([
          ['note', title],
          ['keep', '1'],
        ]);
      }),
      { numRuns: 200 },
    );
  });

  it('names the hostile title of the issue: the path stays the configured one', () => {
    const title = '../../admin/delete?force=true';
    expect(renderUrl('https://hooks.example.com/api/run/{{ incident.title | raw }}', { incident: { title } })).toEqual({
      ok: false,
      error: expect.stringContaining('"| raw" cannot be used in the URL'),
    });
    const encoded = renderUrl('https://hooks.example.com/api/run/{{ incident.title }}', { incident: { title } });
    expect(encoded.ok && new URL(encoded.value).pathname).toBe(`/api/run/${encodeURIComponent(title)}`);
  });
});
