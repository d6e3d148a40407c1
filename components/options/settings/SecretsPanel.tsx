import { useState } from 'preact/hooks';
import type { Action } from '@/lib/model/action';
import { parseOriginLines, type Secret, SecretSchema, summarizeSecret } from '@/lib/model/secrets';
import { originsUsingSecrets, secretsUsed } from '@/lib/render/secrets-used';
import type { Database } from '@/lib/storage/database';
import { deleteSecret, saveSecret, setSecretOrigins } from '@/lib/storage/secrets-store';
import { FieldError } from '../shared/FieldError';
import { Notice } from '../shared/Notice';
import { Section } from '../shared/Section';

/**
 * Tokens, passwords and signing keys, saved once and used by name: in an action's authentication and
 * signing, or as `{{ secrets.<name> }}` in its URL, headers and body. A saved value is never shown again;
 * saving under the same name replaces it (rotation). Each goes only to the origins listed with it (design rule 10),
 * offered from the actions that use the name and editable without the value.
 */
export function SecretsPanel({
  db,
  saved,
  reload,
  actions,
}: {
  db: Database;
  saved: readonly Secret[];
  /** Reads the saved secrets again, so a notice never stands beside a list that does not show it yet. */
  reload: () => Promise<void>;
  actions: readonly Action[];
}) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  const [originsText, setOriginsText] = useState('');
  /** Once the user typed origins, a change of name no longer replaces them. */
  const [originsTyped, setOriginsTyped] = useState(false);
  const [editingOrigins, setEditingOrigins] = useState<{ name: string; text: string; error?: string }>();
  const using = originsUsingSecrets(actions);

  /** What a name is offered: its saved origins, or those of the actions that use it. */
  const offeredOrigins = (secretName: string) =>
    saved.find((secret) => secret.name === secretName)?.origins ?? using.get(secretName) ?? [];

  const pickName = (next: string) => {
    setName(next);
    if (!originsTyped) setOriginsText(offeredOrigins(next.trim()).join('\n'));
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const origins = parseOriginLines(originsText);
    if (origins.error) {
      setError(origins.error);
      return;
    }
    const parsed = SecretSchema.safeParse({ name: name.trim(), value, savedAt: Date.now(), origins: origins.origins });
    if (!parsed.success) {
      setError(parsed.error.issues.map((issue) => issue.message).join('\n'));
      return;
    }
    const replaced = saved.some((secret) => secret.name === parsed.data.name);
    await saveSecret(db, parsed.data);
    await reload();
    setError(undefined);
    setName('');
    setValue('');
    setOriginsText('');
    setOriginsTyped(false);
    setNotice(`${replaced ? 'Replaced' : 'Saved'} the secret “${parsed.data.name}”.`);
  };

  const saveOrigins = async () => {
    if (!editingOrigins) return;
    const origins = parseOriginLines(editingOrigins.text);
    if (origins.error) {
      setEditingOrigins({ ...editingOrigins, error: origins.error });
      return;
    }
    await setSecretOrigins(db, editingOrigins.name, origins.origins);
    await reload();
    setEditingOrigins(undefined);
    setNotice(`Saved where “${editingOrigins.name}” may go.`);
  };

  const remove = async (secretName: string) => {
    await deleteSecret(db, secretName);
    await reload();
    setConfirming(undefined);
    setNotice(`Deleted the secret “${secretName}”.`);
  };

  return (
    <Section id="secrets" title="Secrets">
      <p class="hint">
        Used by name in an action’s authentication and signing, or as <code>{'{{secrets.<name>}}'}</code> in its URL,
        headers and body. Kept in this browser’s extension storage, never shown to incident pages, masked wherever a
        request is shown, and left out of exports. A secret is sent only to the origins listed with it.
      </p>
      {saved.length === 0 ? (
        <p class="empty">No secrets yet.</p>
      ) : (
        <ul class="secrets">
          {saved.map((secret) => {
            const summary = summarizeSecret(secret);
            const users = actions.filter((action) => secretsUsed(action).includes(secret.name));
            return (
              <li key={secret.name}>
                <code>{secret.name}</code>
                <span class="muted">
                  {summary.valueEnd ? `…${summary.valueEnd}` : '(short)'} · saved{' '}
                  {new Date(summary.savedAt).toLocaleString()}
                  {users.length > 0 ? ` · used by ${users.map((action) => action.label).join(', ')}` : ''}
                </span>
                <span class="secret-origins">
                  {secret.origins.length > 0 ? `goes to ${secret.origins.join(', ')}` : 'goes nowhere yet: no origin'}
                </span>
                <button type="button" onClick={() => pickName(secret.name)}>
                  Replace {secret.name}
                </button>
                {editingOrigins?.name === secret.name ? (
                  <span class="edit-origins">
                    <textarea
                      aria-label={`Origins of ${secret.name}`}
                      rows={3}
                      value={editingOrigins.text}
                      onInput={(e) => setEditingOrigins({ name: secret.name, text: e.currentTarget.value })}
                    />
                    <button type="button" onClick={saveOrigins}>
                      Save origins of {secret.name}
                    </button>
                    <button type="button" onClick={() => setEditingOrigins(undefined)}>
                      Cancel
                    </button>
                    <FieldError message={editingOrigins.error} />
                  </span>
                ) : (
                  <button
                    type="button"
                    onClick={() => setEditingOrigins({ name: secret.name, text: secret.origins.join('\n') })}
                  >
                    Edit origins of {secret.name}
                  </button>
                )}
                {confirming === secret.name ? (
                  <span class="confirm-delete">
                    Delete {secret.name}? {users.length > 0 ? `${users.length} action(s) will stop sending. ` : ''}
                    <button type="button" onClick={() => remove(secret.name)}>
                      Yes, delete
                    </button>
                    <button type="button" onClick={() => setConfirming(undefined)}>
                      Keep
                    </button>
                  </span>
                ) : (
                  <button type="button" onClick={() => setConfirming(secret.name)}>
                    Delete {secret.name}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <form class="variable-row" onSubmit={save} noValidate>
        <input
          aria-label="Secret name"
          placeholder="pagertree_token"
          value={name}
          onInput={(e) => pickName(e.currentTarget.value)}
        />
        <input
          type="password"
          autoComplete="off"
          aria-label="Secret value"
          placeholder="value"
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <textarea
          aria-label="Allowed origins"
          placeholder={'https://rundeck.example.com\n(one origin per line)'}
          rows={2}
          value={originsText}
          onInput={(e) => {
            setOriginsText(e.currentTarget.value);
            setOriginsTyped(true);
          }}
        />
        <button type="submit" class="primary">
          Save secret
        </button>
      </form>
      <FieldError message={error} />
      <Notice message={error ? undefined : notice} />
    </Section>
  );
}
