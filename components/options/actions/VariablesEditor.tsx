import type { Variable } from '@/lib/model/variables';
import { FieldError } from '../shared/FieldError';
import { RemoveButton } from '../shared/RemoveButton';
import { TemplateField } from '../shared/TemplateField';

interface VariablesEditorProps {
  variables: readonly Variable[];
  /** Names offered after `{{` in a composed variable's template. */
  names: readonly string[];
  errors: Readonly<Record<string, string>>;
  onChange: (variables: Variable[]) => void;
}

const KINDS: Record<Variable['kind'], string> = {
  extract: 'Regex extraction',
  compose: 'Composed (template)',
  constant: 'Constant',
};

/** The action's variables, computed in order: `{{variables.<name>}}` in any template. */
export function VariablesEditor({ variables, names, errors, onChange }: VariablesEditorProps) {
  const replace = (index: number, next: Variable) => onChange(variables.map((v, i) => (i === index ? next : v)));
  return (
    <fieldset class="field">
      <legend>Variables</legend>
      <p class="hint">
        Computed before each send, in order. A regex extraction gives its named groups, else its first group, else the
        whole match, like PagerDuty's Dynamic Field Extraction.
      </p>
      {variables.map((variable, index) => {
        const n = index + 1;
        const error = Object.entries(errors).find(([path]) => path.startsWith(`variables.${index}`))?.[1];
        return (
          <div class="variable-row" key={index}>
            <select
              aria-label={`Variable ${n} kind`}
              value={variable.kind}
              onChange={(e) => replace(index, blank(e.currentTarget.value as Variable['kind'], variable.name))}
            >
              {Object.entries(KINDS).map(([kind, label]) => (
                <option key={kind} value={kind}>
                  {label}
                </option>
              ))}
            </select>
            <input
              aria-label={`Variable ${n} name`}
              placeholder="name"
              value={variable.name}
              onInput={(e) => replace(index, { ...variable, name: e.currentTarget.value })}
            />
            {variable.kind === 'extract' && (
              <>
                <input
                  aria-label={`Variable ${n} source`}
                  list="ia-variable-names"
                  placeholder="incident.title"
                  value={variable.source}
                  onInput={(e) => replace(index, { ...variable, source: e.currentTarget.value })}
                />
                <input
                  aria-label={`Variable ${n} regex`}
                  placeholder="host=(\S+)"
                  value={variable.regex}
                  onInput={(e) => replace(index, { ...variable, regex: e.currentTarget.value })}
                />
              </>
            )}
            {variable.kind === 'compose' && (
              <TemplateField
                aria-label={`Variable ${n} template`}
                names={names}
                placeholder="{{ variables.host }}.{{ incident.custom_fields.region }}"
                value={variable.template}
                onInput={(template) => replace(index, { ...variable, template })}
              />
            )}
            {variable.kind === 'constant' && (
              <input
                aria-label={`Variable ${n} value`}
                value={variable.value}
                onInput={(e) => replace(index, { ...variable, value: e.currentTarget.value })}
              />
            )}
            <RemoveButton
              label={`Remove variable ${n}`}
              onClick={() => onChange(variables.filter((_, i) => i !== index))}
            />
            <FieldError message={error} />
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...variables, blank('extract', '')])}>
        Add variable
      </button>
    </fieldset>
  );
}

function blank(kind: Variable['kind'], name: string): Variable {
  if (kind === 'extract') return { kind, name, source: 'incident.title', regex: '' };
  if (kind === 'compose') return { kind, name, template: '' };
  return { kind, name, value: '' };
}
