import { fieldRegexValue } from '../core/field-regex';
import type { CustomField } from '../model/custom-site';
import type { IncidentFields } from '../model/incident';
import { textOf } from './page-dom';

/**
 * Reads fields from where a person said they are (a custom site's definition, a site fix): a CSS selector, an
 * optional attribute, an optional regex whose first group is the value.
 */
export function readFields(doc: Document, fields: CustomField[]): IncidentFields {
  const read: IncidentFields = {};
  const custom: Record<string, string> = {};
  for (const field of fields) {
    const value = readField(doc, field);
    if (value === undefined) continue;
    if (field.field.startsWith('custom_fields.')) {
      // Defined, not assigned: a stored definition is data, and "__proto__" must stay a plain key.
      Object.defineProperty(custom, field.field.slice('custom_fields.'.length), {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else if (field.field === 'number') {
      const number = Number(value.replace(/^#/, ''));
      if (Number.isFinite(number)) read.number = number;
    } else if (field.field === 'service') read.service = { name: value };
    else read[field.field as 'title'] = value;
  }
  if (Object.keys(custom).length > 0) read.custom_fields = custom;
  return read;
}

export function readField(doc: Document, field: CustomField): string | undefined {
  const element = safeQuery(doc, field.selector);
  if (!element) return undefined;
  const raw = field.attribute ? (element.getAttribute(field.attribute) ?? undefined) : textOf(element);
  if (raw === undefined || !field.regex) return raw;
  return fieldRegexValue(field.regex, raw);
}

/** A selector typed by a person may be invalid on a page it was not written for: read nothing, do not throw. */
export function safeQuery(doc: Document, selector: string): Element | null {
  try {
    return doc.querySelector(selector);
  } catch {
    return null;
  }
}
