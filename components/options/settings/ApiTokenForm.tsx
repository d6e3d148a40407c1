import { useState } from 'preact/hooks';
import { type ApiAccess, ApiAccessSchema, type ApiAccessSummary } from '@/lib/model/api-access';
import { originPattern, requestOriginPermission } from '@/lib/permissions/origins';
import type { IncidentApi, IncidentSource } from '@/lib/sites/site';
import { deleteApiAccess, saveApiAccess } from '@/lib/storage/api-access-store';
import type { Database } from '@/lib/storage/database';
import { FieldError } from '../shared/FieldError';

interface ApiTokenFormProps {
  db: Database;
  source: IncidentSource;
  api: IncidentApi;
  saved?: ApiAccessSummary;
  onChanged: (message: string) => void;
}

/**
 * A site's optional API token. Once saved the token is never shown again (only its last four characters),
 * and it is only ever read by the background, which calls the vendor's API when an action is clicked.
 */
export function ApiTokenForm({ db, source, api, saved, onChanged }: ApiTokenFormProps) {
  const example = api.defaultBase(new URL(source.matches[0]?.replace('*.', 'acme.').replace(/\*$/, '') ?? ''));
  const [open, setOpen] = useState(false);
  const [base, setBase] = useState(saved?.base ?? example ?? '');
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const id = (name: string) => `api-${source.id}-${name}`;

  const submit = (event: Event) => {
    event.preventDefault();
    const candidate: ApiAccess = {
      site: source.id as ApiAccess['site'],
      base: base.trim(),
      token,
      savedAt: Date.now(),
    };
    const parsed = ApiAccessSchema.safeParse(candidate);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[issue.path.join('.')] ??= issue.message;
      setErrors(found);
      return;
    }
    // Asked from the submit itself: Firefox refuses a permission request made after an await.
    const permission = requestOriginPermission(parsed.data.base).catch(() => false);
    void (async () => {
      const granted = await permission;
      if (!granted) {
        setErrors({ base: `Access to ${originPattern(parsed.data.base)} was not granted: nothing was saved.` });
        return;
      }
      const summary = await saveApiAccess(db, parsed.data);
      setToken('');
      setErrors({});
      setOpen(false);
      onChanged(`Saved the ${source.name} API token ending in ${summary.tokenEnd}.`);
    })();
  };

  if (!open) {
    return (
      <div class="api-access">
        {saved ? (
          <>
            <span>
              API token …{saved.tokenEnd} for <code>{saved.base}</code>
            </span>{' '}
            <button type="button" aria-label={`Replace the ${source.name} API token`} onClick={() => setOpen(true)}>
              Replace
            </button>{' '}
            <button
              type="button"
              class="danger"
              aria-label={`Remove the ${source.name} API token`}
              onClick={async () => {
                await deleteApiAccess(db, source.id);
                onChanged(`Removed the ${source.name} API token.`);
              }}
            >
              Remove
            </button>
          </>
        ) : (
          <button type="button" class="link" onClick={() => setOpen(true)}>
            Read {source.name} incidents through its API with a token…
          </button>
        )}
      </div>
    );
  }
  return (
    <form class="editor api-access" onSubmit={submit} noValidate aria-label={`${source.name} API token`}>
      <p class="hint">{api.tokenHelp}</p>
      <div class="field">
        <label for={id('base')}>API base URL</label>
        <input
          id={id('base')}
          value={base}
          placeholder={example ?? 'https://…'}
          aria-invalid={Boolean(errors.base)}
          onInput={(event) => setBase(event.currentTarget.value)}
        />
        <FieldError message={errors.base} />
      </div>
      <div class="field">
        <label for={id('token')}>Token</label>
        <input
          id={id('token')}
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={token}
          aria-invalid={Boolean(errors.token)}
          onInput={(event) => setToken(event.currentTarget.value)}
        />
        <FieldError message={errors.token} />
      </div>
      <div class="form-actions">
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" class="primary">
          Save token
        </button>
      </div>
    </form>
  );
}
