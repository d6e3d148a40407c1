import type { ImportPlan } from '@/lib/sharing/import-plan';

interface SecretInputsProps {
  secrets: ImportPlan['secrets'];
  destinations: ImportPlan['destinations'];
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
}

/**
 * The secrets the imported actions need: saved ones are kept, missing ones may be typed in now (or later), bound to
 * the origins of the actions that use them. Each action's destination is listed, and a new one for a saved secret is
 * named: sends there stay refused until the user allows it (design rule 10).
 */
export function SecretInputs({ secrets, destinations, values, onChange }: SecretInputsProps) {
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
      {destinations.length > 0 && (
        <>
          <p class="hint">Where the actions send their secrets (a secret typed here goes only to these):</p>
          <ul class="secret-destinations">
            {destinations.map((destination) => (
              <li key={destination.actionId}>
                {destination.label} sends {destination.secrets.join(', ')} to <code>{destination.origin}</code>
                {destination.before ? ` (was ${destination.before})` : ''}
                {destination.newFor.map((name) => (
                  <strong key={name} class="warning">
                    {' '}
                    new destination for secret {name}
                  </strong>
                ))}
              </li>
            ))}
          </ul>
          {destinations.some((destination) => destination.newFor.length > 0) && (
            <p class="hint">
              A secret is not sent to a new destination until you allow it, on the action or under Secrets.
            </p>
          )}
        </>
      )}
    </div>
  );
}
