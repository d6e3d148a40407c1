import type { CustomFieldValue, IncidentSnapshot } from '../model/incident';
import type { ChangedFields } from './prompts';
import type { CustomFieldChanges } from './request-scope';

/**
 * The responder's changes to custom fields (the answer of the action's `fields` question: name → text as
 * typed in the modal), typed as each field is, for PagerDuty's field event (`customFieldChanges`): a list
 * for a multi-value field (comma-separated), a number for a number field, true/false for a yes/no field,
 * null for a field emptied. The field's definition from PagerDuty's API says its type, else its value does.
 */
export function customFieldChangesFrom(
  incident: IncidentSnapshot,
  changed: ChangedFields | undefined,
): CustomFieldChanges | undefined {
  if (!changed) return undefined;
  return Object.fromEntries(
    Object.entries(changed).map(([name, text]) => [
      name,
      typed(
        incident.custom_field_values?.find((field) => field.name === name),
        incident.custom_fields?.[name],
        text,
      ),
    ]),
  );
}

function typed(definition: CustomFieldValue | undefined, current: unknown, text: string): CustomFieldValue['value'] {
  const trimmed = text.trim();
  const value = definition ? definition.value : current;
  if (definition?.field_type === 'multi_value' || Array.isArray(value))
    return trimmed
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  if (trimmed === '') return null;
  const numeric = ['integer', 'float'].includes(definition?.data_type ?? '') || typeof value === 'number';
  if (numeric && Number.isFinite(Number(trimmed))) return Number(trimmed);
  const yesNo = definition?.data_type === 'boolean' || typeof value === 'boolean';
  if (yesNo && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  return text;
}
