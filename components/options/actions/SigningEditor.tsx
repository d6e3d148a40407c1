import { useState } from 'preact/hooks';
import { SIGNING_LABELS, SIGNING_SCHEMES, type Signing, type SigningScheme } from '@/lib/model/signing';
import { FieldError } from '../shared/FieldError';
import { SecretNameInput } from './AuthEditor';

/** The action's signature scheme and the secrets it signs with (several while a key is rotated). */
export function SigningEditor({
  signing,
  secretNames,
  errors,
  onChange,
}: {
  signing: Signing | undefined;
  secretNames: readonly string[];
  errors: Record<string, string>;
  onChange: (signing: Signing | undefined) => void;
}) {
  // The names as typed: splitting on every keystroke would swallow the comma being typed.
  const [typed, setText] = useState(signing?.secrets.join(', ') ?? '');
  // A preset or Undo may change the names under it: then they are shown as they now are.
  const text = signing && splitNames(typed).join() !== signing.secrets.join() ? signing.secrets.join(', ') : typed;
  return (
    <fieldset class="field">
      <legend>Signature</legend>
      <div class="field-row">
        <select
          aria-label="Signature"
          value={signing?.scheme ?? 'none'}
          onChange={(e) => {
            const scheme = e.currentTarget.value as SigningScheme | 'none';
            onChange(scheme === 'none' ? undefined : { scheme, secrets: signing?.secrets ?? [] });
          }}
        >
          <option value="none">None</option>
          {SIGNING_SCHEMES.map((scheme) => (
            <option key={scheme} value={scheme}>
              {SIGNING_LABELS[scheme]}
            </option>
          ))}
        </select>
        {signing && (
          <SecretNameInput
            label="Signing secrets"
            value={text}
            secretNames={secretNames}
            onInput={(value) => {
              setText(value);
              onChange({ ...signing, secrets: splitNames(value) });
            }}
          />
        )}
      </div>
      {signing && (
        <p class="hint">
          {signing.scheme === 'standard-webhooks'
            ? 'The secret is the receiver’s whsec_… key. '
            : signing.scheme === 'pagerduty'
              ? 'Two names, comma-separated, sign with both while you rotate. '
              : ''}
          Computed over the exact bytes sent, at every attempt.
        </p>
      )}
      <FieldError message={errors['signing.secrets'] ?? errors.signing} />
    </fieldset>
  );
}

const splitNames = (text: string) =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
