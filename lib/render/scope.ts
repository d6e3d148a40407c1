import { fail, ok, type Result } from '../core/result';
import type { IncidentSnapshot } from '../model/incident';
import type { Variable } from '../model/variables';
import { readPath, renderTemplate, valueText } from './template';

/**
 * What templates can name: `incident.*`, `variables.*` (computed here), `params.*` (asked in the modal) and
 * `constants.*` (shared by every action, set in the options page).
 */
export interface TemplateScope {
  incident: IncidentSnapshot;
  variables: Record<string, unknown>;
  params: Record<string, unknown>;
  constants: Record<string, string>;
}

/** Scraped text a regex runs over is cut here, so a hostile 1 MB title cannot stall the worker for long. */
const MAX_EXTRACT_INPUT = 100_000;

/**
 * Computes the variables in order: each may use the incident, the prompted values and the variables before
 * it. A variable whose source is missing, or whose regex does not match, is itself missing: a template that
 * needs it names it, or falls back with `default`.
 */
export function buildScope(
  incident: IncidentSnapshot,
  definitions: readonly Variable[] = [],
  params: Record<string, unknown> = {},
  constants: Record<string, string> = {},
): Result<TemplateScope> {
  const variables: Record<string, unknown> = {};
  const scope: TemplateScope = { incident, variables, params, constants };
  for (const definition of definitions) {
    const value = evaluate(definition, scope);
    if (!value.ok) return fail(`Variable "${definition.name}": ${value.error}`);
    if (value.value !== undefined) variables[definition.name] = value.value;
  }
  return ok(scope);
}

function evaluate(definition: Variable, scope: TemplateScope): Result<unknown> {
  if (definition.kind === 'constant') return ok(definition.value);
  if (definition.kind === 'compose') {
    const missing = new Set<string>();
    const rendered = renderTemplate(definition.template, scope, undefined, missing);
    if (!rendered.ok) return rendered;
    return ok(missing.size > 0 ? undefined : rendered.value);
  }
  const source = readPath(definition.source, scope);
  if (source === undefined || source === null) return ok(undefined);
  try {
    return ok(extract(valueText(source).slice(0, MAX_EXTRACT_INPUT), definition.regex));
  } catch (error) {
    return fail(`not a valid regular expression: ${(error as Error).message}`);
  }
}

/** PagerDuty's Dynamic Field Extraction: named groups as an object, else the first group, else the match. */
export function extract(text: string, pattern: string): unknown {
  const match = new RegExp(pattern, 'u').exec(text);
  if (!match) return undefined;
  if (match.groups && Object.keys(match.groups).length > 0) {
    const groups: Record<string, string> = {};
    for (const [key, value] of Object.entries(match.groups)) if (value !== undefined) groups[key] = value;
    return groups;
  }
  return match.length > 1 ? match[1] : match[0];
}
