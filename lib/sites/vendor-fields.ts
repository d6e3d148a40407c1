import type { IncidentFields } from '../model/incident';
import { longText, safeKey, text } from './read-json';

/**
 * Small pieces the vendor mappers share on top of read-json.ts: a vendor's key/value map becomes
 * `custom_fields`, and lists are capped as the model caps them.
 */
export type CustomFields = NonNullable<IncidentFields['custom_fields']>;
export type CustomFieldValue = CustomFields[string];

/** A value `custom_fields` can carry: text (clipped), a finite number, a boolean or null; else undefined. */
function customFieldValue(value: unknown): CustomFieldValue | undefined {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return longText(value) ?? '';
  // A list reads as "a, b", as a template shows any list.
  if (Array.isArray(value)) {
    return value
      .slice(0, 500)
      .map((item) => text(item) ?? '')
      .filter(Boolean)
      .join(', ');
  }
  return undefined;
}

/**
 * `custom_fields` from name/value pairs; reserved or oversized names and values of no usable type are skipped,
 * and the first 500 usable names are kept. Undefined when nothing is left.
 */
export function customFields(pairs: Iterable<readonly [unknown, unknown]>): CustomFields | undefined {
  const fields: CustomFields = {};
  let count = 0;
  for (const [name, value] of pairs) {
    const key = safeKey(name);
    const field = customFieldValue(value);
    if (key === undefined || field === undefined) continue;
    fields[key] = field;
    if (++count >= 500) break;
  }
  return count > 0 ? fields : undefined;
}

/** The model allows at most 100 assignees or teams; an empty list is left out. */
export function nonEmpty<T>(items: readonly T[]): T[] | undefined {
  return items.length > 0 ? items.slice(0, 100) : undefined;
}

/** A whole-number string (`"1932"`, Opsgenie's `tinyId`) or a safe integer, as a number. */
export function integerLike(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

/** `{ id?, name }` from a vendor's id and name; undefined without a name (a bare id reads as nothing useful). */
export function reference(id: unknown, name: unknown): { id?: string; name: string } | undefined {
  const shown = text(name, 1_000);
  if (!shown) return undefined;
  const key = text(id, 200);
  return key ? { id: key, name: shown } : { name: shown };
}
