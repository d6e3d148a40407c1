import type { Header } from '@/lib/model/action';
import { FieldError } from '../shared/FieldError';
import { RemoveButton } from '../shared/RemoveButton';
import { TemplateField } from '../shared/TemplateField';

/** The action's headers, one row each; a secret one's value is typed out of sight. */
export function HeadersEditor({
  headers,
  names,
  errors,
  onChange,
}: {
  headers: readonly Header[];
  /** Names offered while typing a value's template. */
  names: readonly string[];
  errors: Record<string, string>;
  onChange: (headers: Header[]) => void;
}) {
  const patch = (index: number, change: Partial<Header>) =>
    onChange(headers.map((header, i) => (i === index ? { ...header, ...change } : header)));
  return (
    <fieldset class="field">
      <legend>Headers</legend>
      {headers.map((header, index) => (
        <div class="header-row" key={index}>
          <input
            aria-label={`Header ${index + 1} name`}
            placeholder="Authorization"
            value={header.name}
            aria-invalid={Boolean(errors[`headers.${index}.name`])}
            onInput={(e) => patch(index, { name: e.currentTarget.value })}
          />
          {header.secret ? (
            <SecretValueInput index={index} value={header.value} onInput={(value) => patch(index, { value })} />
          ) : (
            <TemplateField
              aria-label={`Header ${index + 1} value`}
              names={names}
              placeholder="value"
              value={header.value}
              onInput={(value) => patch(index, { value })}
            />
          )}
          <label class="inline">
            <input
              type="checkbox"
              aria-label={`Header ${index + 1} is secret`}
              checked={header.secret}
              onChange={(e) => patch(index, { secret: e.currentTarget.checked })}
            />
            Secret
          </label>
          <RemoveButton
            label={`Remove header ${index + 1}`}
            onClick={() => onChange(headers.filter((_, i) => i !== index))}
          />
          <FieldError message={errors[`headers.${index}.name`] ?? errors[`headers.${index}.value`]} />
        </div>
      ))}
      <button type="button" onClick={() => onChange([...headers, { name: '', value: '', secret: false }])}>
        Add header
      </button>
    </fieldset>
  );
}

/** A secret header value is typed into a password field, so it is not shown over a shoulder. */
function SecretValueInput({
  index,
  value,
  onInput,
}: {
  index: number;
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <input
      type="password"
      autoComplete="off"
      aria-label={`Header ${index + 1} value`}
      placeholder="secret value"
      value={value}
      onInput={(event) => onInput(event.currentTarget.value)}
    />
  );
}
