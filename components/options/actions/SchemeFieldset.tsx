import type { ComponentChildren } from 'preact';
import { FieldError } from '../shared/FieldError';

/**
 * How an action uses its saved secrets, as one fieldset: the scheme (a kind of authentication, a signature),
 * beside it what the chosen one needs, then its errors. The choice is labelled as the fieldset is.
 */
export function SchemeFieldset<T extends string>({
  legend,
  choices,
  value,
  onChoose,
  children,
  hint,
  error,
}: {
  legend: string;
  choices: readonly { value: T; label: string }[];
  value: T;
  onChoose: (value: T) => void;
  /** The inputs the chosen scheme needs, on the choice's row. */
  children?: ComponentChildren;
  /** Under the row. */
  hint?: ComponentChildren;
  error?: string;
}) {
  return (
    <fieldset class="field">
      <legend>{legend}</legend>
      <div class="field-row">
        <select aria-label={legend} value={value} onChange={(e) => onChoose(e.currentTarget.value as T)}>
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        {children}
      </div>
      {hint}
      <FieldError message={error} />
    </fieldset>
  );
}
