import diff from 'microdiff';
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
 * preview shows field by field. Arrays are compared position by position; a key on one side only is one
 * row, with its whole value.
 */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  if (!isContainer(before) || !isContainer(after) || Array.isArray(before) !== Array.isArray(after))
    return Object.is(before, after) ? [] : [row([], before, after)];
  return (
    diff(before, after)
      .map((change) => ({
        path: change.path,
        before: change.type === 'CREATE' ? undefined : change.oldValue,
        after: change.type === 'REMOVE' ? undefined : change.value,
      }))
      // An optional field left undefined on one side and absent on the other is no change.
      .filter((change) => change.before !== undefined || change.after !== undefined)
      .map((change) => row(change.path, change.before, change.after))
  );
}

/** What microdiff compares key by key (or position by position). */
const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] =>
  value !== null && typeof value === 'object';

function row(path: readonly PropertyKey[], before: unknown, after: unknown): FieldChange {
  return { path: jsonPath(path).slice(1) || '(whole)', before: shown(before), after: shown(after) };
}

function shown(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
}
