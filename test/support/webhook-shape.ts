/** Comparing a payload with PagerDuty's webhook examples (lib/sites/pagerduty/fixtures/webhooks/). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const kind = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

/**
 * Where `ours` lacks a key of PagerDuty's example, or has a value of another JSON type. A null on either
 * side is a field PagerDuty sends empty (the examples themselves have `html_url: null` in one place and a
 * string in another); list items are each compared with the example's first item.
 */
export function shapeProblems(reference: Json, ours: unknown, path = '$'): string[] {
  if (reference === null || ours === null) return [];
  if (kind(reference) !== kind(ours)) return [`${path}: ${kind(ours)}, PagerDuty sends ${kind(reference)}`];
  if (Array.isArray(reference)) {
    const [first] = reference;
    if (first === undefined) return [];
    return (ours as unknown[]).flatMap((item, index) => shapeProblems(first, item, `${path}[${index}]`));
  }
  if (typeof reference === 'object') {
    return Object.entries(reference).flatMap(([key, value]) =>
      Object.hasOwn(ours as object, key)
        ? shapeProblems(value, (ours as Record<string, unknown>)[key], `${path}.${key}`)
        : [`${path}.${key}: missing`],
    );
  }
  return [];
}
