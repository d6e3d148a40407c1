import type { Prompt } from '@/lib/model/variables';

interface PromptFieldsProps {
  prompts: readonly Prompt[];
  answers: Readonly<Record<string, string>>;
  disabled: boolean;
  onChange: (name: string, value: string) => void;
  /** The incident's custom fields, for a `fields` question: the responder changes some of them. */
  customFields?: Readonly<Record<string, unknown>>;
}

/**
 * The action's questions, asked in the modal before sending: the preview below follows the answers. The
 * background checks them again (required, number, choice, pattern) before it renders anything.
 */
export function PromptFields({ prompts, answers, disabled, onChange, customFields }: PromptFieldsProps) {
  return (
    <fieldset class="prompts" disabled={disabled}>
      {prompts.map((prompt) => {
        if (prompt.type === 'fields') {
          return (
            <CustomFieldsEditor
              key={prompt.name}
              prompt={prompt}
              answer={answers[prompt.name] ?? ''}
              fields={customFields ?? {}}
              onChange={(value) => onChange(prompt.name, value)}
            />
          );
        }
        const id = `ia-prompt-${prompt.name}`;
        const value = answers[prompt.name] ?? '';
        const set = (event: Event) => onChange(prompt.name, (event.currentTarget as HTMLInputElement).value);
        return (
          <div class="prompt" key={prompt.name}>
            <label for={id}>
              {prompt.label}
              {prompt.required ? ' *' : ''}
            </label>
            {prompt.type === 'choice' || prompt.type === 'yesno' ? (
              <select id={id} value={value} onChange={set}>
                {/* Required with no answer yet: a placeholder, so the shown choice is never one nobody picked. */}
                {(!prompt.required || value === '') && <option value="">—</option>}
                {(prompt.type === 'yesno' ? ['yes', 'no'] : (prompt.choices ?? [])).map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
              </select>
            ) : prompt.type === 'number' ? (
              <input id={id} type="number" value={value} required={prompt.required} onInput={set} />
            ) : (
              <input
                id={id}
                type="text"
                value={value}
                required={prompt.required}
                pattern={prompt.pattern}
                autocomplete="off"
                onInput={set}
              />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** A field's value as the responder edits it: a list comma-separated, nothing for an empty field. */
const asText = (value: unknown) =>
  Array.isArray(value) ? value.join(', ') : value === null || value === undefined ? '' : String(value);

/**
 * A `fields` question: each custom field of the incident, editable. The answer is the changed fields only
 * (name → text, as JSON): a field typed back to its value is not changed. PagerDuty's field event sends
 * exactly those as `changed_custom_fields` (lib/render/field-changes.ts types them).
 */
function CustomFieldsEditor({
  prompt,
  answer,
  fields,
  onChange,
}: {
  prompt: Prompt;
  answer: string;
  fields: Readonly<Record<string, unknown>>;
  onChange: (value: string) => void;
}) {
  const changed = readChanged(answer);
  const names = Object.keys(fields);
  const set = (name: string, text: string) => {
    const next = { ...changed };
    if (text === asText(fields[name])) delete next[name];
    else next[name] = text;
    onChange(Object.keys(next).length > 0 ? JSON.stringify(next) : '');
  };
  return (
    <fieldset class="custom-fields">
      <legend>
        {prompt.label}
        {prompt.required ? ' *' : ''}
      </legend>
      {names.length === 0 && <p class="muted">This incident has no custom fields.</p>}
      {names.map((name) => {
        const id = `ia-field-${prompt.name}-${name}`;
        const value = Object.hasOwn(changed, name) ? (changed[name] ?? '') : asText(fields[name]);
        const input = (event: Event) => set(name, (event.currentTarget as HTMLInputElement).value);
        return (
          <div class="prompt" key={name}>
            <label for={id}>
              {name}
              {Object.hasOwn(changed, name) ? ' (changed)' : ''}
            </label>
            {typeof fields[name] === 'boolean' ? (
              <select id={id} value={value} onChange={input}>
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            ) : typeof fields[name] === 'number' ? (
              <input id={id} type="number" value={value} autocomplete="off" onInput={input} />
            ) : (
              <input id={id} type="text" value={value} autocomplete="off" onInput={input} />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

function readChanged(answer: string): Record<string, string> {
  if (answer === '') return {};
  try {
    const parsed: unknown = JSON.parse(answer);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}
