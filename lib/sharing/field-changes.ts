import { jsonPath } from './json-path';

/** One field that differs, with both values as short text. */
export interface FieldChange {
  path: string;
  before: string;
  after: string;
}

const SHOWN = 120;

/**
 * The leaves that differ between two JSON-like values, each at its path (`.headers[1].value`): what a
 * preview shows field by field. Arrays are compared position by position.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const found: FieldChange[] = [];
  walk(before, after, [], found);
  return found;
}

function walk(before: unknown, after: unknown, path: PropertyKey[], found: FieldChange[]): void {
  if (Object.is(before, after)) return;
  if (isObject(before) && isObject(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = Array.isArray(before)
      ? Array.from({ length: Math.max(before.length, (after as unknown[]).length) }, (_, index) => index)
      : [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys)
      walk(
        (before as Record<PropertyKey, unknown>)[key],
        (after as Record<PropertyKey, unknown>)[key],
        [...path, key],
        found,
      );
    return;
  }
  found.push({ path: jsonPath(path).slice(1) || '(whole)', before: shown(before), after: shown(after) });
}

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

function shown(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
}
