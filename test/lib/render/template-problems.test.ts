import { describe, expect, it } from 'vitest';
import { findTemplateProblems } from '@/lib/render/template-problems';

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

  it("accepts a custom field by the name people see, in Liquid's bracket notation", () => {
    expect(findTemplateProblems('{{ incident.custom_fields_by_display_name["Customer impact"] }}')).toEqual([]);
    expect(findTemplateProblems('{{ incident.custom_fields.customer_impact }}')).toEqual([]);
    expect(findTemplateProblems('{{ incident.custom_field_by_display_name.x }}')[0]).toContain('Unknown variable');
  });
});
