import { boundedWhole } from '../core/bounded-regex';
import { fail, ok, type Result } from '../core/result';
import type { Prompt } from '../model/variables';
import type { TemplateScope } from './scope';
import { renderTemplate } from './template';

/** A `fields` question's answer: the custom fields the responder changed, by name, as typed. */
export type ChangedFields = Record<string, string>;
export type PromptValue = string | number | boolean | ChangedFields;

/** At most this many changed fields in one answer (PagerDuty allows 100 custom fields per account). */
const MAX_CHANGED_FIELDS = 100;

/**
 * The questions with their defaults rendered for this incident: a default may be a template
 * (`{{ variables.host }}`), so the responder starts from the incident's value and may override it.
 */
export function promptsWithDefaults(
  prompts: readonly Prompt[] | undefined,
  scope: TemplateScope,
): Prompt[] | undefined {
  return prompts?.map((prompt) => {
    if (!prompt.default?.includes('{')) return prompt;
    const rendered = renderTemplate(prompt.default, scope, undefined, new Set());
    return { ...prompt, default: rendered.ok ? rendered.value : '' };
  });
}

/**
 * The responder's answers, checked against each question: required, number, one of the choices, yes/no,
 * the pattern. An optional question left empty is absent, so `default` in a template can fill it.
 */
export function promptValues(
  prompts: readonly Prompt[] = [],
  given: Readonly<Record<string, string>> = {},
): Result<Record<string, PromptValue>> {
  const values: Record<string, PromptValue> = {};
  for (const prompt of prompts) {
    const raw = (Object.hasOwn(given, prompt.name) ? given[prompt.name] : prompt.default) ?? '';
    const text = raw.trim();
    if (text === '') {
      if (prompt.required) return fail(`“${prompt.label}” is required`);
      continue;
    }
    if (prompt.type === 'number') {
      const number = Number(text);
      if (!Number.isFinite(number)) return fail(`“${prompt.label}” must be a number`);
      values[prompt.name] = number;
    } else if (prompt.type === 'yesno') {
      if (!['yes', 'no', 'true', 'false'].includes(text)) return fail(`“${prompt.label}” must be yes or no`);
      values[prompt.name] = text === 'yes' || text === 'true';
    } else if (prompt.type === 'fields') {
      const changed = changedFields(text);
      if (!changed) return fail(`“${prompt.label}”: the changed fields could not be read`);
      if (Object.keys(changed).length === 0) {
        if (prompt.required) return fail(`“${prompt.label}”: change at least one field`);
        continue;
      }
      values[prompt.name] = changed;
    } else if (prompt.type === 'choice') {
      if (!(prompt.choices ?? []).includes(text)) return fail(`“${prompt.label}” must be one of the choices`);
      values[prompt.name] = text;
    } else {
      if (prompt.pattern && !boundedWhole(prompt.pattern, text)) {
        return fail(`“${prompt.label}” must match ${prompt.pattern}`);
      }
      values[prompt.name] = raw;
    }
  }
  return ok(values);
}

/** A `fields` answer read back: a flat object of names to text, or undefined when it is anything else. */
function changedFields(text: string): ChangedFields | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  if (entries.length > MAX_CHANGED_FIELDS) return undefined;
  if (
    entries.some(
      ([name, value]) => typeof value !== 'string' || ['__proto__', 'constructor', 'prototype'].includes(name),
    )
  )
    return undefined;
  return Object.fromEntries(entries) as ChangedFields;
}

/** The first `fields` question's answer: the custom fields the responder changed, if the action asks. */
export function changedFieldsOf(
  prompts: readonly Prompt[] | undefined,
  params: Readonly<Record<string, PromptValue>>,
): ChangedFields | undefined {
  const asked = prompts?.find((prompt) => prompt.type === 'fields');
  if (!asked) return undefined;
  const value = Object.hasOwn(params, asked.name) ? params[asked.name] : undefined;
  return typeof value === 'object' ? value : {};
}
