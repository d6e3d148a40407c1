import * as z from 'zod/mini';
import { templateVariables } from '../render/template';
import { findTemplateProblems } from '../render/template-problems';
import { urlTemplateProblem } from '../render/url';
import { AuthSchema, HEADER_NAME } from './auth';
import { DeliveryPolicySchema } from './delivery-policy';
import { SIGNING_HEADERS, SigningSchema } from './signing';
import { ConditionsSchema, PromptSchema, VariableSchema } from './variables';

export const HTTP_METHODS = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'] as const;
export const BODY_FORMATS = ['json', 'text', 'form'] as const;

const templateString = (max: number) =>
  z.string().check(
    z.maxLength(max),
    z.superRefine((value, ctx) => {
      for (const problem of findTemplateProblems(value))
        ctx.addIssue({ code: 'custom', message: problem, input: value });
    }),
  );

export const HeaderSchema = z.strictObject({
  name: z.string().check(z.regex(HEADER_NAME, 'A header name is letters, digits and - (no spaces or colons)')),
  value: templateString(8_192),
  /** Masked in the confirmation modal and the log; never sent to a content script. */
  secret: z.boolean(),
});
export type Header = z.infer<typeof HeaderSchema>;

/**
 * Where an action came from, when it is not the user's own: a team subscription (read-only, replaced at
 * each refresh) or the browser policy (locked). Neither can be edited or removed here; either can be
 * duplicated into an action of one's own.
 */
export const ManagedBySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('subscription'), subscriptionId: z.string().check(z.maxLength(100)) }),
  z.strictObject({ kind: z.literal('policy') }),
]);
export type ManagedBy = z.infer<typeof ManagedBySchema>;

/** The fields of an action, without the rules across them (`ActionSchema` adds those). */
export const ActionFieldsSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  label: z.string().check(
    z.trim(),
    z.minLength(1, 'Give the button a label'),
    z.maxLength(60, 'Keep the label under 60 characters'),
    // A template too: "Restart {{ variables.host }}".
    z.superRefine((value, ctx) => {
      for (const problem of findTemplateProblems(value))
        ctx.addIssue({ code: 'custom', message: problem, input: value });
    }),
  ),
  enabled: z.boolean(),
  method: z.enum(HTTP_METHODS),
  url: z.string().check(
    z.trim(),
    z.maxLength(2_048),
    z.superRefine((value, ctx) => {
      const problem = urlTemplateProblem(value) ?? findTemplateProblems(value)[0];
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
    }),
  ),
  headers: z.array(HeaderSchema).check(z.maxLength(50)),
  /**
   * How the body is written and sent: JSON whose string values are templates (the default), a plain-text
   * template, or a form (`key={{...}}&key2=...`, values form-encoded). Empty means no body.
   */
  bodyFormat: z.optional(z.enum(BODY_FORMATS)),
  body: z.string().check(z.maxLength(262_144)),
  /** Computed in order, each able to use the ones before it. */
  variables: z.optional(z.array(VariableSchema).check(z.maxLength(30))),
  /** Asked in the modal before sending. */
  prompts: z.optional(z.array(PromptSchema).check(z.maxLength(10))),
  /** Where the button shows; absent: on every incident. */
  conditions: z.optional(ConditionsSchema),
  /** A saved secret put where the receiver looks for it (bearer, basic, a header, a query parameter). */
  auth: z.optional(AuthSchema),
  /** A signature over the exact bytes sent, for receivers that verify one. */
  signing: z.optional(SigningSchema),
  /** Timeout, attempts and time limit; absent: PagerDuty's (16 s, 5 attempts, 20 minutes). */
  delivery: z.optional(DeliveryPolicySchema),
  /** Post the final result to the incident as a note, with the API token saved for its site (PagerDuty). */
  postNote: z.optional(z.boolean()),
  /** Absent for the user's own actions. */
  managedBy: z.optional(ManagedBySchema),
  /** Imported enabled, but its endpoint's origin was not granted: enabled when it is. */
  awaitingGrant: z.optional(z.boolean()),
  createdAt: z.number(),
  updatedAt: z.number(),
});

/** The rules across an action's fields, each issue at the field it concerns. */
export const actionRules = z.superRefine((action: z.infer<typeof ActionFieldsSchema>, ctx) => {
  if ((action.method === 'GET' || action.method === 'DELETE') && action.body.trim() !== '') {
    ctx.addIssue({
      code: 'custom',
      path: ['body'],
      message: `${action.method} requests carry no body`,
      input: action,
    });
  }
  for (const message of bodyProblems(action)) {
    ctx.addIssue({ code: 'custom', path: ['body'], message, input: action });
  }
  for (const [path, message] of undefinedNames(action)) {
    ctx.addIssue({ code: 'custom', path, message, input: action });
  }
  const names = action.headers.map((header) => header.name.toLowerCase());
  const written = writtenHeaders(action);
  names.forEach((name, index) => {
    const message =
      names.indexOf(name) !== index
        ? 'This header is already set'
        : written.has(name)
          ? `This header is written by the action's ${written.get(name)}: remove it here`
          : undefined;
    if (message) ctx.addIssue({ code: 'custom', path: ['headers', index, 'name'], message, input: action });
  });
});

export const ActionSchema = ActionFieldsSchema.check(actionRules);
export type Action = z.infer<typeof ActionSchema>;

/**
 * What a content script may know of an action: its button (the label rendered for this incident) and the
 * questions the modal asks. Nothing that could leak a secret: no URL, headers or body.
 */
export type ActionButton = Pick<Action, 'id' | 'label' | 'prompts'>;

export function newAction(now = Date.now()): Action {
  return {
    id: crypto.randomUUID(),
    label: '',
    enabled: true,
    method: 'POST',
    url: 'https://',
    headers: [],
    body: '{\n  "incident_id": "{{incident.id}}",\n  "title": "{{incident.title}}"\n}',
    createdAt: now,
    updatedAt: now,
  };
}

/** Headers the action's auth and signing write, by lower-case name, with what writes them. */
function writtenHeaders(action: Action): Map<string, string> {
  const written = new Map<string, string>();
  if (action.auth?.kind === 'bearer' || action.auth?.kind === 'basic') written.set('authorization', 'authentication');
  if (action.auth?.kind === 'header') written.set(action.auth.header.toLowerCase(), 'authentication');
  for (const name of action.signing ? SIGNING_HEADERS[action.signing.scheme] : []) written.set(name, 'signing');
  return written;
}

/**
 * Roots that exist only while the request is built (background, at send time): a label, a question's
 * default, a variable or a condition is rendered for the incident page, which must never see a secret.
 */
const REQUEST_ONLY_ROOTS = new Set(['secrets', 'invocation', 'action', 'pagerduty']);
const REQUEST_FIELDS = new Set(['url', 'headers', 'body']);

/**
 * `variables.<name>` and `params.<name>` that the action's templates use but does not define, each at the
 * field that uses it. A variable may use only the ones defined before it.
 */
function undefinedNames(action: Action): [PropertyKey[], string][] {
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
function bodyProblems(action: Action): string[] {
  if (action.body.trim() === '') return [];
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
