import type { Prompt } from '@/lib/model/variables';
import { FieldError } from '../shared/FieldError';
import { RemoveButton } from '../shared/RemoveButton';

interface PromptsEditorProps {
  prompts: readonly Prompt[];
  errors: Readonly<Record<string, string>>;
  onChange: (prompts: Prompt[]) => void;
}

const TYPES: Record<Prompt['type'], string> = {
  text: 'Text',
  number: 'Number',
  choice: 'Choice',
  yesno: 'Yes / no',
  fields: 'Custom fields to change',
};

/** Questions the modal asks before sending: `{{params.<name>}}` in any template. */
export function PromptsEditor({ prompts, errors, onChange }: PromptsEditorProps) {
  const replace = (index: number, patch: Partial<Prompt>) =>
    onChange(prompts.map((prompt, i) => (i === index ? clean({ ...prompt, ...patch }) : prompt)));
  return (
    <fieldset class="field">
      <legend>Questions asked when sending</legend>
      {prompts.map((prompt, index) => {
        const n = index + 1;
        const error = Object.entries(errors).find(([path]) => path.startsWith(`prompts.${index}`))?.[1];
        return (
          <div class="variable-row" key={index}>
            <input
              aria-label={`Question ${n} name`}
              placeholder="name"
              value={prompt.name}
              onInput={(e) => replace(index, { name: e.currentTarget.value })}
            />
            <input
              aria-label={`Question ${n} label`}
              placeholder="Reason"
              value={prompt.label}
              onInput={(e) => replace(index, { label: e.currentTarget.value })}
            />
            <select
              aria-label={`Question ${n} type`}
              value={prompt.type}
              onChange={(e) => replace(index, { type: e.currentTarget.value as Prompt['type'] })}
            >
              {Object.entries(TYPES).map(([type, label]) => (
                <option key={type} value={type}>
                  {label}
                </option>
              ))}
            </select>
            {prompt.type === 'choice' && (
              <input
                aria-label={`Question ${n} choices`}
                placeholder="staging, production"
                value={(prompt.choices ?? []).join(', ')}
                onInput={(e) =>
                  replace(index, {
                    choices: e.currentTarget.value
                      .split(',')
                      .map((choice) => choice.trim())
                      .filter(Boolean),
                  })
                }
              />
            )}
            {prompt.type === 'text' && (
              <input
                aria-label={`Question ${n} pattern`}
                placeholder="pattern (optional)"
                value={prompt.pattern ?? ''}
                onInput={(e) => replace(index, { pattern: e.currentTarget.value })}
              />
            )}
            <input
              aria-label={`Question ${n} default`}
              placeholder="default"
              value={prompt.default ?? ''}
              onInput={(e) => replace(index, { default: e.currentTarget.value })}
            />
            <label class="inline">
              <input
                type="checkbox"
                aria-label={`Question ${n} is required`}
                checked={prompt.required}
                onChange={(e) => replace(index, { required: e.currentTarget.checked })}
              />
              Required
            </label>
            <RemoveButton
              label={`Remove question ${n}`}
              onClick={() => onChange(prompts.filter((_, i) => i !== index))}
            />
            <FieldError message={error} />
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => onChange([...prompts, { name: '', label: '', type: 'text', required: false }])}
      >
        Add question
      </button>
    </fieldset>
  );
}

/** Empty optional settings are left out, so the stored action says only what was chosen. */
function clean(prompt: Prompt): Prompt {
  const { default: fallback, pattern, choices, ...rest } = prompt;
  return {
    ...rest,
    ...(fallback ? { default: fallback } : {}),
    ...(pattern && prompt.type === 'text' ? { pattern } : {}),
    ...(choices?.length && prompt.type === 'choice' ? { choices } : {}),
  };
}
