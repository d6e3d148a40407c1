import { boundedExec, cutNote, MAX_REGEX_INPUT } from '../core/bounded-regex';
import { fail, ok, type Result } from '../core/result';
import type { IncidentSnapshot } from '../model/incident';
import type { Conditions, Variable } from '../model/variables';
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
    return ok(extract(valueText(source), definition.regex));
  } catch (error) {
    return fail(`not a valid regular expression: ${(error as Error).message}`);
  }
}

/**
 * PagerDuty's Dynamic Field Extraction: named groups as an object, else the first group, else the match. Runs
 * on the linear-time engine over the first MAX_REGEX_INPUT characters (design rule 9).
 */
export function extract(text: string, pattern: string): unknown {
  const { match } = boundedExec(pattern, text);
  if (!match) return undefined;
  if (Object.keys(match.named).length > 0) return match.named;
  return match.groups.length > 0 ? match.groups[0] : match.text;
}

/**
 * A note for each `matches` rule and each extraction whose value was longer than the regex cap, so it searched
 * the start only (design rule 9): the modal and the preview show them.
 */
export function regexCutNotes(
  conditions: Conditions | undefined,
  definitions: readonly Variable[] | undefined,
  scope: TemplateScope,
): string[] {
  const long = (path: string) => valueText(readPath(path, scope)).length > MAX_REGEX_INPUT;
  return [
    ...(conditions?.rules ?? [])
      .filter((rule) => rule.operator === 'matches' && long(rule.variable))
      .map((rule) => cutNote(`Rule on ${rule.variable}`)),
    ...(definitions ?? []).flatMap((definition) =>
      definition.kind === 'extract' && long(definition.source)
        ? [cutNote(`Variable ${definition.name} (on ${definition.source})`)]
        : [],
    ),
  ];
}
