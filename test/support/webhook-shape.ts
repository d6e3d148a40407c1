/** Comparing a payload with PagerDuty's webhook examples (lib/sites/pagerduty/fixtures/webhooks/). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const kind = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

export interface ShapeOptions {
  /**
   * Other PagerDuty examples of the same object (another event of the same version). A path that is null in
   * one of them may be null in ours; their items give the shape of a list the example leaves empty, and their
   * values the type of a field the example leaves null.
   */
  others?: readonly Json[];
  /** Paths (list items as `[*]`) ours may leave null although every example has a value: the reason for each. */
  unknown?: Readonly<Record<string, string>>;
}

/**
 * Where `ours` differs from PagerDuty's example: a key missing or added at any depth, in every list item; another
 * JSON type; null where the example has a value (unless an example of the same object has null there too, or
 * `unknown` says why nobody can know it). Each item of a list must match one of the example's items.
 */
export function shapeProblems(example: Json, ours: unknown, options: ShapeOptions = {}): string[] {
  return compare(example, ours, '$', '$', options.others ?? [], options.unknown ?? {});
}

function compare(
  example: Json,
  ours: unknown,
  path: string,
  pattern: string,
  others: readonly Json[],
  unknown: Readonly<Record<string, string>>,
): string[] {
  const elsewhere = others.map((other) => at(other, pattern)).filter((value) => value !== undefined);
  if (example === null) {
    if (ours === null) return [];
    // PagerDuty sends null here in this example: another example says what it sends otherwise.
    const typed = elsewhere.find((value) => value !== null);
    return typed === undefined ? [] : compare(typed, ours, path, pattern, others, unknown);
  }
  if (ours === null) {
    if (elsewhere.includes(null) || Object.hasOwn(unknown, pattern)) return [];
    return [`${path}: null, PagerDuty sends ${kind(example)}`];
  }
  if (kind(example) !== kind(ours)) return [`${path}: ${kind(ours)}, PagerDuty sends ${kind(example)}`];
  if (Array.isArray(example)) {
    const items =
      example.length > 0
        ? example
        : (elsewhere.find((value) => Array.isArray(value) && value.length > 0) as Json[] | undefined);
    const mine = ours as unknown[];
    if (mine.length === 0) return [];
    if (!items) return [`${path}: has items, and no PagerDuty example shows one`];
    return mine.flatMap((item, index) => {
      const tries = items.map((candidate) =>
        compare(candidate, item, `${path}[${index}]`, `${pattern}[*]`, others, unknown),
      );
      return tries.some((problems) => problems.length === 0)
        ? []
        : (tries.sort((a, b) => a.length - b.length)[0] ?? []);
    });
  }
  if (typeof example === 'object') {
    const mine = ours as Record<string, unknown>;
    const missing = Object.keys(example)
      .filter((key) => !Object.hasOwn(mine, key))
      .map((key) => `${path}.${key}: missing`);
    const extra = Object.keys(mine)
      .filter((key) => !Object.hasOwn(example, key))
      .map((key) => `${path}.${key}: not in PagerDuty's example`);
    const inner = Object.entries(example)
      .filter(([key]) => Object.hasOwn(mine, key))
      .flatMap(([key, value]) => compare(value, mine[key], `${path}.${key}`, `${pattern}.${key}`, others, unknown));
    return [...missing, ...extra, ...inner];
  }
  return [];
}

/** The value at a path pattern (`$.a[*].b`, the first item standing for every item); undefined if absent. */
function at(value: Json, pattern: string): Json | undefined {
  let current: Json | undefined = value;
  for (const step of pattern.slice(1).match(/\.[^.[]+|\[\*\]/g) ?? []) {
    if (current === undefined || current === null || typeof current !== 'object') return undefined;
    if (step === '[*]') current = Array.isArray(current) ? current[0] : undefined;
    else current = Array.isArray(current) ? undefined : (current as Record<string, Json>)[step.slice(1)];
  }
  return current;
}

/** Every path (items as `[*]`) whose value is null in `value`. */
export function nullPaths(value: unknown, path = '$'): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => nullPaths(item, `${path}[*]`)))];
  if (typeof value === 'object' && value)
    return Object.entries(value).flatMap(([key, inner]) => nullPaths(inner, `${path}.${key}`));
  return [];
}
