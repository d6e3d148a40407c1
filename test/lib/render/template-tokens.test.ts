import { describe, expect, it } from 'vitest';
import { markRequiredOutputs, renderSoleValue, renderTemplate, soleOutput } from '@/lib/render/template';

const scope = { incident: { id: 'P1', title: 'Disk full', tags: ['a', 'b'] }, variables: {} };

describe('markRequiredOutputs', () => {
  it('adds the required-value filter first to each output without a default, naming its expression', () => {
    const { source, labels } = markRequiredOutputs('{{ incident.id }}-{{incident.title|upcase}}');
    expect(labels).toEqual(['incident.id', 'incident.title']);
    expect(source).toBe('{{ incident.id | ia_required_value: 0 }}-{{incident.title | ia_required_value: 1|upcase}}');
  });

  it('leaves an output with a default filter, anywhere in its chain, as it is', () => {
    const template = '{{ incident.x | upcase | default: "none" }}';
    expect(markRequiredOutputs(template)).toMatchObject({ source: template, labels: [] });
  });

  it('reads filters as Liquid does: a "|" or "default" inside a quoted argument is text', () => {
    const { labels } = markRequiredOutputs(
      '{{ incident.x | append: "| default" }}{{ incident.y | replace: "}}", "" }}',
    );
    expect(labels).toEqual(['incident.x', 'incident.y']);
  });

  it('keeps whitespace control and a trailing empty pipe as they were', () => {
    const { source, labels } = markRequiredOutputs('a {{- incident.id -}} b {{ incident.title | }}');
    expect(labels).toEqual(['incident.id', 'incident.title']);
    expect(source).toBe('a {{- incident.id | ia_required_value: 0 -}} b {{ incident.title | ia_required_value: 1 | }}');
    expect(renderTemplate('a {{- incident.id -}} b', scope)).toEqual({ ok: true, value: 'aP1b' });
  });

  it('leaves {% raw %} and {% comment %} blocks alone, and marks what follows them', () => {
    const template =
      '{% raw %}{{ a }}{% endraw %}{%- comment -%}{{ b }}{% if %}{%- endcomment -%}{{ c }}{% comment %}{{ d }}{% endcomment %}';
    const { source, labels } = markRequiredOutputs(template);
    expect(labels).toEqual(['c']);
    expect(source).toContain('{% raw %}{{ a }}{% endraw %}');
    expect(source).toContain('{%- comment -%}{{ b }}{% if %}{%- endcomment -%}');
    expect(source).toContain('{% comment %}{{ d }}{% endcomment %}');
  });

  it('marks outputs inside other blocks', () => {
    expect(markRequiredOutputs('{% if incident.id %}{{ incident.title }}{% endif %}').labels).toEqual([
      'incident.title',
    ]);
  });

  it('returns a template it cannot tokenize unmarked, so that its error is reported where it was written', () => {
    for (const template of ['{{ incident.id', 'x {{ }}', 'a\n{% if incident.id ', '{{ incident.id | upcase: }}x{{ "']) {
      // A masked render shows such a template as the mask: failing closed.
      expect(markRequiredOutputs(template)).toEqual({
        source: template,
        labels: [],
        sole: undefined,
        shown: { source: template, sole: false, everywhere: true },
      });
    }
    expect(renderTemplate('ok {{ incident.id }}\n  {{ incident.title', scope)).toEqual({
      ok: false,
      error: expect.stringContaining('output "{{ incident.title" not closed, line:2, col:3'),
    });
  });

  it('marks each template once: the same template gives the same result object', () => {
    const template = 'cached {{ incident.id }}';
    expect(markRequiredOutputs(template)).toBe(markRequiredOutputs(template));
  });
});

describe('rendering with the marks', () => {
  it('names an output without a value; one with a default, in raw or in a comment is not required', () => {
    expect(renderTemplate('{{ incident.nope }} {{ incident.gone | upcase }}', scope)).toEqual({
      ok: false,
      error: 'No value on this page for {{incident.nope}}, {{incident.gone}}: nothing was sent',
    });
    const optional =
      '{{ incident.nope | default: "-" }}{% raw %}{{ incident.nope }}{% endraw %}{% comment %}{{ incident.nope }}{% endcomment %}';
    expect(renderTemplate(optional, scope)).toEqual({ ok: true, value: '-{{ incident.nope }}' });
  });

  it('a quoted "default" is not a default filter', () => {
    expect(renderTemplate('{{ incident.nope | append: "| default" }}', scope)).toEqual({
      ok: false,
      error: 'No value on this page for {{incident.nope}}: nothing was sent',
    });
  });
});

describe('soleOutput', () => {
  it.each([
    ['{{ incident.id }}', 'incident.id'],
    ['  {{- incident.tags | join: ", " -}}\n', 'incident.tags | join: ", "'],
    ['{{ "}}" }}', '"}}"'],
    ['{{incident.id}}{{incident.title}}', undefined],
    ['x{{ incident.id }}', undefined],
    ['{{ incident.id }}}', undefined],
    ['{% raw %}{{ incident.id }}{% endraw %}', undefined],
    ['{% if x %}{{ incident.id }}{% endif %}', undefined],
    ['{{ incident.id', undefined],
    ['plain', undefined],
  ])('%j gives %j', (template, expression) => {
    expect(soleOutput(template)).toBe(expression);
  });

  it('a sole output renders to its value with its type, and a missing one is named', () => {
    expect(renderSoleValue('{{ incident.tags }}', scope)).toEqual({ ok: true, value: ['a', 'b'] });
    expect(renderSoleValue(' {{ incident.nope }} ', scope)).toEqual({
      ok: false,
      error: 'No value on this page for {{incident.nope}}: nothing was sent',
    });
    expect(renderSoleValue('a {{ incident.id }}', scope)).toBeUndefined();
  });
});
