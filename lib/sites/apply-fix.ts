import type { SiteFix } from '../model/site-fix';
import { readFields, safeQuery } from './read-fields';
import type { IncidentSource } from './site';

/**
 * The site's adapter with a fix over it: the fix's dock first (the adapter's when the fix's selector finds nothing
 * on this page), and the fix's fields over what the adapter read. A fix's selector that misses costs that one
 * value, as an adapter's does.
 */
export function withFix(source: IncidentSource, fix: SiteFix | undefined): IncidentSource {
  if (!fix || (fix.dockSelector === undefined && fix.fields.length === 0)) return source;
  return {
    ...source,
    readPage(doc, url) {
      const read = source.readPage(doc, url);
      const fixed = readFields(doc, fix.fields);
      const custom = { ...read.custom_fields, ...fixed.custom_fields };
      return {
        ...read,
        ...fixed,
        ...(Object.keys(custom).length > 0 ? { custom_fields: custom } : {}),
      };
    },
    findAnchor(doc) {
      return (fix.dockSelector && safeQuery(doc, fix.dockSelector)) || source.findAnchor(doc);
    },
  };
}
