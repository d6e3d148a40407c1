import type { IncidentFields } from '../model/incident';
import { CUSTOM_SITE_FIELDS } from '../model/page-fields';
import type { SiteFix } from '../model/site-fix';
import { readFields } from './read-fields';
import type { IncidentSource } from './site';

/** Where one field of the incident on screen came from. */
export type FieldOrigin = 'page' | 'fix' | 'url' | 'api' | 'none';

/** The fields watched for drift: what a fix can set, plus the people and references the adapters read. */
const WATCHED: readonly string[] = [...CUSTOM_SITE_FIELDS, 'assignees', 'escalation_policy', 'teams'];
/** Custom fields are many on some accounts; the report names this many at most. */
const MAX_CUSTOM = 30;

/**
 * Field by field, where the incident on this page got its value: a site fix, the adapter's reading of the page,
 * the URL alone, or nothing (the API is added when its values arrive). `source` is the adapter without the fix.
 */
export function fieldOrigins(
  source: IncidentSource,
  fix: SiteFix | undefined,
  doc: Document,
  url: URL,
): Record<string, FieldOrigin> {
  const attempt = (read: () => IncidentFields): IncidentFields => {
    try {
      return read();
    } catch {
      return {};
    }
  };
  const address = attempt(() => source.readPage(doc.implementation.createHTMLDocument(''), url));
  const page = attempt(() => source.readPage(doc, url));
  const fixed = fix ? readFields(doc, fix.fields) : {};
  const customNames = [
    ...new Set([...Object.keys(page.custom_fields ?? {}), ...Object.keys(fixed.custom_fields ?? {})]),
  ].slice(0, MAX_CUSTOM);
  const origins: Record<string, FieldOrigin> = {};
  for (const field of [...WATCHED, ...customNames.map((name) => `custom_fields.${name}`)]) {
    const [fromFix, fromPage, fromAddress] = [fixed, page, address].map((read) => valueAt(read, field));
    origins[field] =
      fromFix !== undefined
        ? 'fix'
        : fromPage !== undefined && fromPage !== fromAddress
          ? 'page'
          : fromAddress !== undefined
            ? 'url'
            : 'none';
  }
  return origins;
}

/** The fields an API answer filled that nothing on the page gave. */
export function withApiOrigins(
  origins: Readonly<Record<string, FieldOrigin>>,
  fromApi: IncidentFields,
): Record<string, FieldOrigin> {
  const next = { ...origins };
  for (const [field, origin] of Object.entries(origins)) {
    if (origin === 'none' && valueAt(fromApi, field) !== undefined) next[field] = 'api';
  }
  return next;
}

/** A field's value as comparable text, undefined when absent or empty. */
function valueAt(read: IncidentFields, field: string): string | undefined {
  const value = field.startsWith('custom_fields.')
    ? Object.hasOwn(read.custom_fields ?? {}, field.slice('custom_fields.'.length))
      ? read.custom_fields?.[field.slice('custom_fields.'.length)]
      : undefined
    : (read as Record<string, unknown>)[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  return JSON.stringify(value);
}
