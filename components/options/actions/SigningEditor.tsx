import { useState } from 'preact/hooks';
import { SIGNING_LABELS, SIGNING_SCHEMES, type Signing, type SigningScheme } from '@/lib/model/signing';
import { SchemeFieldset } from './SchemeFieldset';
import { SecretNameInput } from './SecretNameInput';

const SCHEMES: { value: SigningScheme | 'none'; label: string }[] = [
  { value: 'none', label: 'None' },
  ...SIGNING_SCHEMES.map((scheme) => ({ value: scheme, label: SIGNING_LABELS[scheme] })),
];

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
    <SchemeFieldset
      legend="Signature"
      choices={SCHEMES}
      value={signing?.scheme ?? 'none'}
      onChoose={(scheme) => onChange(scheme === 'none' ? undefined : { scheme, secrets: signing?.secrets ?? [] })}
      hint={
        signing && (
          <p class="hint">
            {signing.scheme === 'standard-webhooks'
              ? 'The secret is the receiver’s whsec_… key. '
              : signing.scheme === 'pagerduty'
                ? 'Two names, comma-separated, sign with both while you rotate. '
                : ''}
            Computed over the exact bytes sent, at every attempt.
          </p>
        )
      }
      error={errors['signing.secrets'] ?? errors.signing}
    >
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
    </SchemeFieldset>
  );
}

const splitNames = (text: string) =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
