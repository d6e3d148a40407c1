import type { Prompt } from '@/lib/model/variables';

interface PromptFieldsProps {
  prompts: readonly Prompt[];
  answers: Readonly<Record<string, string>>;
  disabled: boolean;
  onChange: (name: string, value: string) => void;
}

/**
 * The action's questions, asked in the modal before sending: the preview below follows the answers. The
 * background checks them again (required, number, choice, pattern) before it renders anything.
 */
export function PromptFields({ prompts, answers, disabled, onChange }: PromptFieldsProps) {
  return (
    <fieldset class="prompts" disabled={disabled}>
      {prompts.map((prompt) => {
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
                {!prompt.required && <option value="">—</option>}
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
