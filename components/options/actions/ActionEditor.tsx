import { useState } from 'preact/hooks';
import { type Action, HTTP_METHODS } from '@/lib/model/action';
import type { Constant } from '@/lib/model/constants';
import { INCIDENT_VARIABLES } from '@/lib/model/incident';
import type { Secret } from '@/lib/model/secrets';
import { requestOriginPermission } from '@/lib/permissions/origins';
import { ActionSchema } from '@/lib/render/action-rules';
import { REQUEST_VARIABLES } from '@/lib/render/request-scope';
import { actionOrigin, secretsUsed } from '@/lib/render/secrets-used';
import { templateOrigin, urlTemplateProblem } from '@/lib/render/url';
import { FieldError } from '../shared/FieldError';
import { TemplateField } from '../shared/TemplateField';
import { ActionPreview } from './ActionPreview';
import { AuthEditor } from './AuthEditor';
import { ConditionsEditor } from './ConditionsEditor';
import { DeliveryEditor } from './DeliveryEditor';
import { HeadersEditor } from './HeadersEditor';
import { PresetPicker } from './PresetPicker';
import { PromptsEditor } from './PromptsEditor';
import { SigningEditor } from './SigningEditor';
import { VariablesEditor } from './VariablesEditor';

interface ActionEditorProps {
  initial: Action;
  /** The shared constants, for the preview. */
  constants: readonly Constant[];
  /** The saved secrets: their names for auth, signing and completion; their values for the preview's masks. */
  secrets: readonly Secret[];
  /** `permission` settles when the user answers the origin prompt; the action is saved without waiting. */
  onSave: (action: Action, permission: Promise<boolean>) => void;
  onCancel: () => void;
  /** The user's click on "Allow <origin> for <secret>": binds the saved secret to one more origin. */
  onAllowSecretOrigin: (secret: string, origin: string) => Promise<void>;
}

/** Errors keyed by the field's path in the action (`label`, `headers.0.name`, ...), one per line. */
type FieldErrors = Record<string, string>;

export function ActionEditor({
  initial,
  constants,
  secrets,
  onSave,
  onCancel,
  onAllowSecretOrigin,
}: ActionEditorProps) {
  const [draft, setDraft] = useState<Action>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Action>(key: K, value: Action[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const secretNames = secrets.map((secret) => secret.name);
  const names = variableNames(draft, constants, secretNames);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const parsed = ActionSchema.safeParse({ ...draft, updatedAt: Date.now() });
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join('.');
        found[key] = found[key] ? `${found[key]}\n${issue.message}` : issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setSaving(true);
    const action = parsed.data;
    // Asked synchronously from the submit: Firefox refuses a permission request made after an await.
    const permission = action.enabled
      ? requestOriginPermission(templateOrigin(action.url)).catch(() => false)
      : Promise.resolve(true);
    onSave(action, permission);
  };

  return (
    <form class="editor" onSubmit={submit} noValidate>
      <PresetPicker draft={draft} onApply={setDraft} />
      <div class="field">
        <label for="action-label">Button label</label>
        <TemplateField
          id="action-label"
          names={names}
          value={draft.label}
          placeholder="Restart server"
          aria-invalid={Boolean(errors.label)}
          onInput={(value) => set('label', value)}
        />
        <FieldError message={errors.label} />
      </div>
      <div class="field-row">
        <div class="field narrow">
          <label for="action-method">Method</label>
          <select
            id="action-method"
            value={draft.method}
            onChange={(e) => set('method', e.currentTarget.value as Action['method'])}
          >
            {HTTP_METHODS.map((method) => (
              <option key={method}>{method}</option>
            ))}
          </select>
        </div>
        <div class="field grow">
          <label for="action-url">Endpoint URL</label>
          <TemplateField
            id="action-url"
            type="url"
            names={names}
            value={draft.url}
            placeholder="https://rundeck.example.com/api/webhook/…"
            aria-invalid={Boolean(errors.url)}
            onInput={(value) => set('url', value)}
          />
          <FieldError message={errors.url} />
          <SecretOriginWarnings draft={draft} secrets={secrets} onAllow={onAllowSecretOrigin} />
          {(draft.allowPlainHttp || draft.url.trim().toLowerCase().startsWith('http:')) && (
            <label class="inline">
              <input
                type="checkbox"
                checked={draft.allowPlainHttp === true}
                onChange={(event) => set('allowPlainHttp', event.currentTarget.checked || undefined)}
              />
              Allow plain http (the request, its secrets and signature travel unencrypted)
            </label>
          )}
        </div>
      </div>
      <HeadersEditor
        headers={draft.headers}
        names={names}
        errors={errors}
        onChange={(headers) => set('headers', headers)}
      />
      <AuthEditor auth={draft.auth} secretNames={secretNames} errors={errors} onChange={(auth) => set('auth', auth)} />
      <SigningEditor
        signing={draft.signing}
        secretNames={secretNames}
        errors={errors}
        onChange={(signing) => set('signing', signing)}
      />
      <DeliveryEditor
        delivery={draft.delivery}
        postNote={draft.postNote}
        errors={errors}
        onChange={(delivery) => set('delivery', delivery)}
        onPostNote={(postNote) => set('postNote', postNote)}
      />
      <div class="field">
        <div class="field-row">
          <label for="action-body">Body</label>
          <select
            aria-label="Body format"
            value={draft.bodyFormat ?? 'json'}
            onChange={(e) => {
              const format = e.currentTarget.value as NonNullable<Action['bodyFormat']>;
              set('bodyFormat', format === 'json' ? undefined : format);
            }}
          >
            <option value="json">JSON (values inserted as JSON values)</option>
            <option value="text">Plain text</option>
            <option value="form">Form (key=value&amp;…, values encoded)</option>
          </select>
        </div>
        <TemplateField
          multiline
          id="action-body"
          rows={8}
          names={names}
          value={draft.body}
          aria-invalid={Boolean(errors.body)}
          onInput={(value) => set('body', value)}
        />
        <FieldError message={errors.body} />
        <details class="hint">
          <summary>
            Placeholders such as <code>{'{{incident.id}}'}</code> and <code>{'{{incident.title}}'}</code> are inserted
            as JSON string values, never as JSON text.
          </summary>
          <p>
            {INCIDENT_VARIABLES.map((name) => `{{${name}}}`).join(' ')} {'{{incident.custom_fields.<name>}}'}{' '}
            {'{{incident.alert_details.<key>}}'}
          </p>
        </details>
      </div>
      <VariablesEditor
        names={names}
        variables={draft.variables ?? []}
        errors={errors}
        onChange={(variables) => set('variables', variables.length > 0 ? variables : undefined)}
      />
      <PromptsEditor
        prompts={draft.prompts ?? []}
        errors={errors}
        onChange={(prompts) => set('prompts', prompts.length > 0 ? prompts : undefined)}
      />
      <ConditionsEditor
        conditions={draft.conditions}
        errors={errors}
        onChange={(conditions) => set('conditions', conditions)}
      />
      <datalist id="ia-secret-names">
        {secretNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <datalist id="ia-variable-names">
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <ActionPreview draft={draft} constants={constants} secrets={secrets} />
      <label class="inline">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
        Enabled
      </label>
      <FieldError message={errors['']} />
      <div class="form-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class="primary" disabled={saving}>
          Save action
        </button>
      </div>
    </form>
  );
}

/** Names offered while typing a variable path: the incident's fields, this action's variables and questions. */
function variableNames(action: Action, constants: readonly Constant[], secretNames: readonly string[]): string[] {
  return [
    ...INCIDENT_VARIABLES,
    ...(action.variables ?? []).map((variable) => `variables.${variable.name}`),
    ...(action.prompts ?? []).map((prompt) => `params.${prompt.name}`),
    ...constants.map((constant) => `constants.${constant.name}`),
    // Offered everywhere; the label, questions and conditions refuse them on save, with the reason.
    ...REQUEST_VARIABLES,
    ...secretNames.map((name) => `secrets.${name}`),
  ];
}

/**
 * The secrets this action uses that may not go to its origin (design rule 10): a send would be refused. A secret
 * bound nowhere yet is bound to it when the action is saved; one bound elsewhere needs the user's click here.
 */
function SecretOriginWarnings({
  draft,
  secrets,
  onAllow,
}: {
  draft: Action;
  secrets: readonly Secret[];
  onAllow: (secret: string, origin: string) => Promise<void>;
}) {
  const origin = urlTemplateProblem(draft.url) ? undefined : actionOrigin(draft);
  if (!origin) return null;
  const used = new Set(secretsUsed(draft));
  const unbound = secrets.filter((secret) => used.has(secret.name) && !secret.origins.includes(origin));
  if (unbound.length === 0) return null;
  return (
    <ul class="secret-origin-warnings warning">
      {unbound.map((secret) =>
        secret.origins.length === 0 ? (
          <li key={secret.name}>
            The secret {secret.name} goes nowhere yet: saving this action binds it to {origin}.
          </li>
        ) : (
          <li key={secret.name}>
            The secret {secret.name} may be sent only to {secret.origins.join(', ')}; this action sends to {origin}.{' '}
            <button type="button" onClick={() => onAllow(secret.name, origin)}>
              Allow {origin} for {secret.name}
            </button>
          </li>
        ),
      )}
    </ul>
  );
}
