import { useEffect, useState } from 'preact/hooks';
import { type Constant, ConstantsSchema } from '@/lib/model/constants';
import { saveConstants } from '@/lib/storage/constants-store';
import type { Database } from '@/lib/storage/database';
import { FieldError } from '../shared/FieldError';
import { Notice } from '../shared/Notice';
import { RemoveButton } from '../shared/RemoveButton';
import { Section } from '../shared/Section';

/** Values shared by every action, as `{{constants.<name>}}`: set once, used in any template. */
export function ConstantsPanel({ db, saved }: { db: Database; saved: readonly Constant[] }) {
  const [draft, setDraft] = useState<Constant[]>([]);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  // The form shows what is saved: once loaded, after Save, and when an import or another tab changes it.
  useEffect(() => setDraft([...saved]), [saved]);

  const replace = (index: number, patch: Partial<Constant>) =>
    setDraft(draft.map((constant, i) => (i === index ? { ...constant, ...patch } : constant)));
  const save = async () => {
    const parsed = ConstantsSchema.safeParse(draft);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    await saveConstants(db, parsed.data);
    setNotice(`Saved ${parsed.data.length} constant${parsed.data.length === 1 ? '' : 's'}.`);
  };

  return (
    <Section id="constants" title="Constants">
      <p class="hint">
        Shared by every action as <code>{'{{constants.<name>}}'}</code>: a runbook base URL, an environment name. Not
        for secrets: put those in a secret header.
      </p>
      {draft.map((constant, index) => (
        <div class="variable-row" key={index}>
          <input
            aria-label={`Constant ${index + 1} name`}
            placeholder="name"
            value={constant.name}
            onInput={(e) => replace(index, { name: e.currentTarget.value })}
          />
          <input
            aria-label={`Constant ${index + 1} value`}
            value={constant.value}
            onInput={(e) => replace(index, { value: e.currentTarget.value })}
          />
          <RemoveButton
            label={`Remove constant ${index + 1}`}
            onClick={() => setDraft(draft.filter((_, i) => i !== index))}
          />
        </div>
      ))}
      <FieldError message={error} />
      <Notice message={error ? undefined : notice} />
      <div class="form-actions">
        <button type="button" onClick={() => setDraft([...draft, { name: '', value: '' }])}>
          Add constant
        </button>
        <button type="button" class="primary" onClick={save}>
          Save constants
        </button>
      </div>
    </Section>
  );
}
