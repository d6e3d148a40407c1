import * as z from 'zod/mini';
import { regexProblem } from '../core/bounded-regex';

/**
 * What an action can compute and ask for besides the incident's own fields, as PagerDuty's event rules
 * do with Dynamic Field Extraction, but per action and without a plan: templates name them
 * `{{variables.<name>}}` and `{{params.<name>}}`.
 */
const name = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9_]{0,39}$/, 'A name is lower-case letters, digits and _, starting with a letter'));

/** The pattern must compile on the linear-time engine that runs it (lib/core/bounded-regex.ts). */
const compiles = z.superRefine((value: string, ctx) => {
  const problem = regexProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
});

export const VariableSchema = z.discriminatedUnion('kind', [
  /** A regex over another value: named groups give an object, else the first group, else the whole match. */
  z.strictObject({
    kind: z.literal('extract'),
    name,
    /** What to search: `incident.title`, `incident.alert_details.message`, `variables.other`. */
    source: z
      .string()
      .check(z.regex(/^(incident|variables|params)(\.[A-Za-z0-9_-]+)+$/, 'A variable path such as incident.title')),
    regex: z.string().check(z.minLength(1, 'Enter a regular expression'), z.maxLength(500), compiles),
  }),
  /** A template over the incident and the variables before it. */
  z.strictObject({ kind: z.literal('compose'), name, template: z.string().check(z.maxLength(4_000)) }),
  z.strictObject({ kind: z.literal('constant'), name, value: z.string().check(z.maxLength(4_000)) }),
]);
export type Variable = z.infer<typeof VariableSchema>;

/**
 * A value the responder gives in the modal before sending. `fields` lists the incident's custom fields for the
 * responder to change; its answer is the changed ones only, as a JSON object of field name → new value typed
 * (`{{ params.<name> }}`), which PagerDuty's `field_values` sends as `changed_custom_fields`.
 */
export const PromptSchema = z.strictObject({
  name,
  label: z.string().check(z.trim(), z.minLength(1, 'Give the question a label'), z.maxLength(80)),
  type: z.enum(['text', 'number', 'choice', 'yesno', 'fields']),
  default: z.optional(z.string().check(z.maxLength(1_000))),
  required: z.boolean(),
  /** Text must match it whole (`^...$` is implied). */
  pattern: z.optional(z.string().check(z.maxLength(200), compiles)),
  choices: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.maxLength(50))),
});
export type Prompt = z.infer<typeof PromptSchema>;

export const CONDITION_OPERATORS = [
  'equals',
  'not_equals',
  'contains',
  'matches',
  'in',
  'exists',
  'not_exists',
  'greater_than',
  'less_than',
] as const;

const ConditionRuleSchema = z.strictObject({
  /** Any variable path: `incident.priority`, `variables.region`. */
  variable: z
    .string()
    .check(z.regex(/^(incident|variables)(\.[A-Za-z0-9_-]+)+$/, 'A variable path such as incident.priority')),
  operator: z.enum(CONDITION_OPERATORS),
  /** For `in`: values separated by commas. For numbers and dates: a number or an ISO date. */
  value: z.optional(z.string().check(z.maxLength(1_000))),
});
export type ConditionRule = z.infer<typeof ConditionRuleSchema>;

/** Where an action shows: on these sites (none listed: every site), when all or any rules hold. */
export const ConditionsSchema = z.strictObject({
  match: z.enum(['all', 'any']),
  rules: z.array(ConditionRuleSchema).check(z.maxLength(30)),
  sites: z.optional(z.array(z.string().check(z.maxLength(60))).check(z.maxLength(20))),
});
export type Conditions = z.infer<typeof ConditionsSchema>;
