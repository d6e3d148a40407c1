import { INCIDENT_VARIABLES, type IncidentSnapshot, isKnownVariable, readIncidentVariable } from '../model/incident';
import { fail, ok, type Result } from './result';

/**
 * `{{incident.id}}`-style placeholders, the syntax PagerDuty users know. Replacement is one pass over the
 * template, so a value that itself contains `{{...}}` is inserted as text and never expanded (rule 4).
 */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const SOLE_PLACEHOLDER = /^\{\{\s*([^{}]*?)\s*\}\}$/;

/** Problems a user can fix while editing: unknown variables and stray braces. */
export function findTemplateProblems(template: string): string[] {
  const problems: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!isKnownVariable(name)) {
      problems.push(
        `Unknown variable "${name}" at character ${match.index + 1}; known: ${INCIDENT_VARIABLES.join(', ')}, incident.custom_fields.<name>`,
      );
    }
  }
  const stray = template.replace(PLACEHOLDER, '').search(/\{\{|\}\}/);
  if (stray !== -1) problems.push('Unclosed "{{" or stray "}}": write placeholders as {{incident.id}}');
  return problems;
}

export type Lookup = (name: string) => string | undefined;

export function incidentLookup(incident: IncidentSnapshot): Lookup {
  return (name) => readIncidentVariable(incident, name);
}

/** The variable a template consists of, when it is exactly one placeholder. */
export function soleVariable(template: string): string | undefined {
  return SOLE_PLACEHOLDER.exec(template)?.[1];
}

/** Replaces every placeholder, adding the names that have no value to `missing`. */
export function interpolate(
  template: string,
  lookup: Lookup,
  missing: Set<string>,
  encode: (value: string) => string = (value) => value,
): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const found = lookup(name);
    if (found === undefined) missing.add(name);
    return found === undefined ? '' : encode(found);
  });
}

/** Interpolates every placeholder; names every variable that has no value instead of sending a hole. */
export function renderText(template: string, lookup: Lookup, encode?: (value: string) => string): Result<string> {
  const missing = new Set<string>();
  const value = interpolate(template, lookup, missing, encode);
  return missing.size > 0 ? fail(missingMessage([...missing])) : ok(value);
}

export function missingMessage(names: string[]): string {
  return `No value on this page for ${names.map((name) => `{{${name}}}`).join(', ')}: nothing was sent`;
}
