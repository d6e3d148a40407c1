import { useState } from 'preact/hooks';
import { CUSTOM_SITE_FIELDS, type CustomField, type CustomSite, CustomSiteSchema } from '@/lib/model/custom-site';
import { FieldError } from '../shared/FieldError';

interface CustomSiteEditorProps {
  onSave: (site: CustomSite) => void;
  onCancel: () => void;
}

const EMPTY_FIELD: CustomField = { field: 'title', selector: '' };

/**
 * The id regex stored for a site read as a built-in one: that adapter reads the id itself; this one is only kept as
 * data, and used should the pattern be one the adapter cannot take.
 */
const BUILT_IN_ID_REGEX: Record<NonNullable<CustomSite['reads']>, string> = {
  'grafana-oncall': '/a/grafana-(?:oncall|irm)-app/(?:alert-groups|incidents)/(I[A-Z0-9]{12,16})',
  opsgenie: '^/jira/ops/alerts/([0-9a-f-]{36,50})',
};

/** Shown wherever a site's pages come over plain http. */
export const PLAIN_HTTP_WARNING =
  'Plain http: anyone on the network between you and this site can read these pages and change what they show, ' +
  'including the values your actions send. Use it only for a host inside a network you trust.';

const READS = Object.keys(BUILT_IN_ID_REGEX) as NonNullable<CustomSite['reads']>[];

export const isPlainHttp = (urlPattern: string) => /^http:\/\//i.test(urlPattern.trim());

/** Teaches the extension a self-hosted or in-house incident page. */
export function CustomSiteEditor({ onSave, onCancel }: CustomSiteEditorProps) {
  const now = Date.now();
  const [draft, setDraft] = useState<CustomSite>({
    id: '',
    name: '',
    urlPattern: 'https://',
    incidentIdRegex: '^/incidents/([A-Za-z0-9-]+)',
    anchorSelector: '',
    fields: [{ ...EMPTY_FIELD }],
    createdAt: now,
    updatedAt: now,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof CustomSite>(key: K, value: CustomSite[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setField = (index: number, patch: Partial<CustomField>) =>
    set(
      'fields',
      draft.fields.map((field, i) => (i === index ? { ...field, ...patch } : field)),
    );

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const builtIn = draft.reads !== undefined;
    const candidate = {
      ...draft,
      id: slug(draft.name),
      incidentIdRegex: draft.reads ? BUILT_IN_ID_REGEX[draft.reads] : draft.incidentIdRegex,
      anchorSelector: builtIn ? undefined : draft.anchorSelector?.trim() || undefined,
      fields: (builtIn ? [] : draft.fields)
        .filter((field) => field.selector.trim() !== '')
        .map((field) => ({
          ...field,
          attribute: field.attribute?.trim() || undefined,
          regex: field.regex?.trim() || undefined,
        })),
    };
    const parsed = CustomSiteSchema.safeParse(candidate);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[issue.path.join('.')] ??= issue.message;
      setErrors(found);
      return;
    }
    setErrors({});
    onSave(parsed.data);
  };

  return (
    <form class="editor" onSubmit={submit} noValidate aria-label="Add a site">
      <div class="field">
        <label for="site-name">Site name</label>
        <input id="site-name" value={draft.name} onInput={(e) => set('name', e.currentTarget.value)} />
        <FieldError message={errors.name ?? errors.id} />
      </div>
      <div class="field">
        <label for="site-pattern">Pages (match pattern)</label>
        <input
          id="site-pattern"
          value={draft.urlPattern}
          placeholder="https://oncall.example.com/*"
          aria-invalid={Boolean(errors.urlPattern)}
          onInput={(e) => set('urlPattern', e.currentTarget.value)}
        />
        <FieldError message={errors.urlPattern} />
        {isPlainHttp(draft.urlPattern) && (
          <p class="warning" role="note">
            {PLAIN_HTTP_WARNING}
          </p>
        )}
      </div>
      <div class="field">
        <label for="site-reads">Read its pages as</label>
        <select
          id="site-reads"
          value={draft.reads ?? 'selectors'}
          onChange={(e) =>
            set(
              'reads',
              READS.find((reads) => reads === e.currentTarget.value),
            )
          }
        >
          <option value="selectors">the id regex, dock and fields below</option>
          <option value="grafana-oncall">Grafana OnCall / IRM (self-hosted Grafana)</option>
          <option value="opsgenie">Jira Service Management alerts (a Jira site on its own domain, https)</option>
        </select>
      </div>
      {draft.reads === undefined && (
        <>
          <div class="field">
            <label for="site-id-regex">Incident id (regex over the URL path; the first group is the id)</label>
            <input
              id="site-id-regex"
              value={draft.incidentIdRegex}
              aria-invalid={Boolean(errors.incidentIdRegex)}
              onInput={(e) => set('incidentIdRegex', e.currentTarget.value)}
            />
            <FieldError message={errors.incidentIdRegex} />
          </div>
          <div class="field">
            <label for="site-anchor">Dock the buttons in (CSS selector, optional)</label>
            <input
              id="site-anchor"
              value={draft.anchorSelector}
              placeholder=".incident-header .actions"
              onInput={(e) => set('anchorSelector', e.currentTarget.value)}
            />
          </div>
          <fieldset class="field">
            <legend>Fields</legend>
            {draft.fields.map((field, index) => (
              <div class="site-field-row" key={index}>
                <select
                  aria-label={`Field ${index + 1}`}
                  value={CUSTOM_SITE_FIELDS.includes(field.field as 'title') ? field.field : 'custom'}
                  onChange={(e) =>
                    setField(index, {
                      field: e.currentTarget.value === 'custom' ? 'custom_fields.' : e.currentTarget.value,
                    })
                  }
                >
                  {CUSTOM_SITE_FIELDS.map((name) => (
                    <option key={name}>{name}</option>
                  ))}
                  <option value="custom">custom field…</option>
                </select>
                {field.field.startsWith('custom_fields.') && (
                  <input
                    aria-label={`Field ${index + 1} custom name`}
                    placeholder="region"
                    value={field.field.slice('custom_fields.'.length)}
                    onInput={(e) => setField(index, { field: `custom_fields.${e.currentTarget.value}` })}
                  />
                )}
                <input
                  aria-label={`Field ${index + 1} selector`}
                  placeholder="h1.incident-title"
                  value={field.selector}
                  onInput={(e) => setField(index, { selector: e.currentTarget.value })}
                />
                <input
                  aria-label={`Field ${index + 1} attribute`}
                  placeholder="attribute (optional)"
                  value={field.attribute ?? ''}
                  onInput={(e) => setField(index, { attribute: e.currentTarget.value })}
                />
                <input
                  aria-label={`Field ${index + 1} regex`}
                  placeholder="regex (optional)"
                  value={field.regex ?? ''}
                  onInput={(e) => setField(index, { regex: e.currentTarget.value })}
                />
                <FieldError
                  message={
                    errors[`fields.${index}.field`] ??
                    errors[`fields.${index}.selector`] ??
                    errors[`fields.${index}.regex`]
                  }
                />
              </div>
            ))}
            <button type="button" onClick={() => set('fields', [...draft.fields, { ...EMPTY_FIELD }])}>
              Add field
            </button>
          </fieldset>
        </>
      )}
      <div class="form-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class="primary">
          Save site
        </button>
      </div>
    </form>
  );
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}
