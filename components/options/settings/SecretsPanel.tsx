import { useState } from 'preact/hooks';
import type { Action } from '@/lib/model/action';
import { type Secret, SecretSchema, summarizeSecret } from '@/lib/model/secrets';
import type { Database } from '@/lib/storage/database';
import { deleteSecret, saveSecret } from '@/lib/storage/secrets-store';
import { FieldError } from '../shared/FieldError';
import { Notice } from '../shared/Notice';
import { Section } from '../shared/Section';

/**
 * Tokens, passwords and signing keys, saved once and used by name: in an action's authentication and
 * signing, or as `{{ secrets.<name> }}` in its URL, headers and body. A saved value is never shown again;
 * saving under the same name replaces it (rotation).
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

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const parsed = SecretSchema.safeParse({ name: name.trim(), value, savedAt: Date.now() });
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
    setNotice(`${replaced ? 'Replaced' : 'Saved'} the secret “${parsed.data.name}”.`);
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
        request is shown, and left out of exports.
      </p>
      {saved.length === 0 ? (
        <p class="empty">No secrets yet.</p>
      ) : (
        <ul class="secrets">
          {saved.map((secret) => {
            const summary = summarizeSecret(secret);
            const users = actions.filter((action) => usesSecret(action, secret.name));
            return (
              <li key={secret.name}>
                <code>{secret.name}</code>
                <span class="muted">
                  {summary.valueEnd ? `…${summary.valueEnd}` : '(short)'} · saved{' '}
                  {new Date(summary.savedAt).toLocaleString()}
                  {users.length > 0 ? ` · used by ${users.map((action) => action.label).join(', ')}` : ''}
                </span>
                <button type="button" onClick={() => setName(secret.name)}>
                  Replace {secret.name}
                </button>
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
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <input
          type="password"
          autoComplete="off"
          aria-label="Secret value"
          placeholder="value"
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
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

/** Whether an action names the secret: in its auth, its signing or a template. */
function usesSecret(action: Action, name: string): boolean {
  if (action.auth?.secret === name || action.signing?.secrets.includes(name)) return true;
  const mention = new RegExp(`secrets\\.${name}\\b`);
  return [action.url, action.body, ...action.headers.map((header) => header.value)].some((text) => mention.test(text));
}
