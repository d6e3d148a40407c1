/**
 * `incident_field_values` (webhook-examples/v3-06-incident-field-values.json) after the responder changed
 * fields in the modal: `custom_fields` carries every field with the new values, and `changed_custom_fields`
 * exactly the changed ones, in the incident's order. `changedFields` is the answer of the action's `fields`
 * question (lib/render/prompts.ts): field name → the text typed; a name the incident does not have changes
 * nothing. Each new value takes the field's type: a number for a number, true/false for a yes/no, a list
 * (comma-separated) for a multi-value field, null for a text field emptied.
 */
interface FieldValue {
  name: string;
  value: unknown;
}

export function withChangedFields<T extends { custom_fields: FieldValue[]; changed_custom_fields: FieldValue[] }>(
  fieldValues: T,
  changedFields: Readonly<Record<string, string>>,
): T {
  const changed = (field: FieldValue) => Object.hasOwn(changedFields, field.name);
  const customFields = fieldValues.custom_fields.map((field) =>
    changed(field) ? { ...field, value: typed(field.value, changedFields[field.name] ?? '') } : field,
  );
  return { ...fieldValues, custom_fields: customFields, changed_custom_fields: customFields.filter(changed) };
}

function typed(current: unknown, text: string): unknown {
  const trimmed = text.trim();
  if (Array.isArray(current))
    return trimmed
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  if (typeof current === 'number' && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (typeof current === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  return trimmed === '' ? null : text;
}
