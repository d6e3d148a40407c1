import type { ImportPlan } from '@/lib/sharing/import-plan';

interface SecretInputsProps {
  secrets: ImportPlan['secrets'];
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
}

/** The secrets the imported actions need: saved ones are kept, missing ones may be typed in now (or later). */
export function SecretInputs({ secrets, values, onChange }: SecretInputsProps) {
  if (secrets.length === 0) return null;
  return (
    <div class="plan-group import-secrets">
      <h4>Secrets</h4>
      <p class="hint">Left empty, a secret can be saved later under Secrets; until then its actions cannot send.</p>
      <ul>
        {secrets.map((secret) =>
          secret.saved ? (
            <li key={secret.name}>
              <code>{secret.name}</code>: saved
            </li>
          ) : (
            <li key={secret.name} class="field">
              <label for={`import-secret-${secret.name}`}>Value for {secret.name}</label>
              <input
                type="password"
                id={`import-secret-${secret.name}`}
                autocomplete="off"
                value={values[secret.name] ?? ''}
                onInput={(event) => onChange(secret.name, event.currentTarget.value)}
              />
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
