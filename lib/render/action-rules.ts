import * as z from 'zod/mini';
import { ActionFieldsSchema, actionStructureRules } from '../model/action';
import { templateVariables } from './template';
import { findTemplateProblems } from './template-problems';
import { rawOutputProblem, urlTemplateProblem } from './url';

/**
 * An action as the renderer will accept it: its fields and the rules across them (lib/model/action.ts), and
 * its templates: the label, URL, header values and body must parse, name only variables that exist, and use
 * request-time values only where the request is built. Every save and every import is checked with this.
 */
const actionTemplateRules = z.superRefine((action: z.infer<typeof ActionFieldsSchema>, ctx) => {
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message, input: action });
  // The label is a template too: "Restart {{ variables.host }}".
  for (const problem of findTemplateProblems(action.label)) add(['label'], problem);
  const urlProblem = urlTemplateProblem(action.url) ?? findTemplateProblems(action.url)[0];
  if (urlProblem) add(['url'], urlProblem);
  for (const [index, header] of action.headers.entries()) {
    for (const problem of findTemplateProblems(header.value)) add(['headers', index, 'value'], problem);
  }
  for (const message of bodyProblems(action)) add(['body'], message);
  for (const [path, message] of undefinedNames(action)) add(path, message);
});

export const ActionSchema = ActionFieldsSchema.check(actionStructureRules, actionTemplateRules);

type ActionFields = z.infer<typeof ActionFieldsSchema>;

const REQUEST_ONLY_ROOTS = new Set(['secrets', 'invocation', 'action', 'pagerduty']);
const REQUEST_FIELDS = new Set(['url', 'headers', 'body']);

/**
 * `variables.<name>` and `params.<name>` that the action's templates use but does not define, each at the
 * field that uses it. A variable may use only the ones defined before it.
 */
function undefinedNames(action: ActionFields): [PropertyKey[], string][] {
  const problems: [PropertyKey[], string][] = [];
  const params = new Set((action.prompts ?? []).map((prompt) => prompt.name));
  const variables = new Set<string>();
  const check = (path: PropertyKey[], template: string) => {
    for (const name of templateVariables(template)) {
      const [root = '', key = ''] = name.split('.');
      if (REQUEST_ONLY_ROOTS.has(root) && !REQUEST_FIELDS.has(String(path[0]))) {
        problems.push([path, `"${name}" can be used only in the URL, the headers and the body`]);
      } else if (root === 'variables' && !variables.has(key)) {
        problems.push([
          path,
          `Unknown variable "${name}": define "${key}" under Variables${path[0] === 'variables' ? ', before this one' : ''}`,
        ]);
      } else if (root === 'params' && !params.has(key)) {
        problems.push([path, `Unknown question "${name}": add "${key}" under Questions`]);
      }
    }
  };
  for (const [index, variable] of (action.variables ?? []).entries()) {
    if (variable.kind === 'compose') check(['variables', index, 'template'], variable.template);
    if (variable.kind === 'extract') check(['variables', index, 'source'], `{{ ${variable.source} }}`);
    variables.add(variable.name);
  }
  for (const [index, prompt] of (action.prompts ?? []).entries()) {
    if (prompt.default) check(['prompts', index, 'default'], prompt.default);
  }
  check(['label'], action.label);
  check(['url'], action.url);
  for (const [index, header] of action.headers.entries()) check(['headers', index, 'value'], header.value);
  if ((action.bodyFormat ?? 'json') === 'json') {
    try {
      for (const [, leaf] of stringLeaves(JSON.parse(action.body || 'null'), '')) check(['body'], leaf);
    } catch {
      // An invalid body is reported on its own.
    }
  } else {
    check(['body'], action.body);
  }
  for (const [index, rule] of (action.conditions?.rules ?? []).entries()) {
    check(['conditions', 'rules', index, 'variable'], `{{ ${rule.variable} }}`);
  }
  return problems;
}

/** A JSON body must be JSON, each string value a template; a text or form body is one template. */
function bodyProblems(action: ActionFields): string[] {
  if (action.body.trim() === '') return [];
  if (action.bodyFormat === 'form') {
    const raw = rawOutputProblem(action.body, 'a form body');
    if (raw) return [raw];
  }
  if ((action.bodyFormat ?? 'json') !== 'json') return findTemplateProblems(action.body);
  let tree: unknown;
  try {
    tree = JSON.parse(action.body);
  } catch (error) {
    return [`Not valid JSON: ${(error as Error).message}`];
  }
  // Each string value is its own template, checked as the renderer will see it (unescaped).
  return [...stringLeaves(tree, '')].flatMap(([path, leaf]) =>
    findTemplateProblems(leaf).map((problem) => `${path || 'The body'}: ${problem}`),
  );
}

/** Every string value of a JSON tree with its path (`.a.b[2]`). */
function* stringLeaves(node: unknown, path: string): Generator<[string, string]> {
  if (typeof node === 'string') yield [path, node];
  else if (Array.isArray(node))
    for (const [index, item] of node.entries()) yield* stringLeaves(item, `${path}[${index}]`);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) yield* stringLeaves(value, `${path}.${key}`);
  }
}
