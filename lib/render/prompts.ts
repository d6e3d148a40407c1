import { fail, ok, type Result } from '../core/result';
import type { Prompt } from '../model/variables';
import type { TemplateScope } from './scope';
import { renderTemplate } from './template';

export type PromptValue = string | number | boolean;

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
    } else if (prompt.type === 'choice') {
      if (!(prompt.choices ?? []).includes(text)) return fail(`“${prompt.label}” must be one of the choices`);
      values[prompt.name] = text;
    } else {
      if (prompt.pattern && !new RegExp(`^(?:${prompt.pattern})$`, 'u').test(text)) {
        return fail(`“${prompt.label}” must match ${prompt.pattern}`);
      }
      values[prompt.name] = raw;
    }
  }
  return ok(values);
}
