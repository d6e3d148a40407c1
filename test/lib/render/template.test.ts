import { describe, expect, it } from 'vitest';
import { renderTemplate } from '@/lib/render/template';
import { HOSTILE_VALUES } from '../../support/builders';
import { expectError, expectOk, lookupOf, trapLookup } from '../../support/templates';

const renderText = (template: string, scope: object) => renderTemplate(template, scope);

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

describe('custom fields by display name', () => {
  it("renders a field by the name people see, in Liquid's bracket notation, and by its name", () => {
    const incident = {
      custom_fields: { customer_impact: true },
      custom_fields_by_display_name: { 'Customer impact': true },
    };
    expect(
      renderTemplate(
        '{{ incident.custom_fields_by_display_name["Customer impact"] }}/{{ incident.custom_fields.customer_impact }}',
        { incident },
      ),
    ).toEqual({ ok: true, value: 'true/true' });
  });
});
