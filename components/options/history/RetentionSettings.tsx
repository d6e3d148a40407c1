import { useEffect, useState } from 'preact/hooks';
import { plural } from '@/lib/core/plural';
import { type Retention, RetentionSchema } from '@/lib/model/retention';
import type { Database } from '@/lib/storage/database';
import { getRetention, pruneByRetention, saveRetention } from '@/lib/storage/retention-store';
import { FieldError } from '../shared/FieldError';
import { useStored } from '../shared/use-stored';

type Field = keyof Retention;
type Texts = Record<Field, string>;

/** How much history is kept; saving applies the new limits at once (the history reloads on the prune). */
export function RetentionSettings({ db }: { db: Database }) {
  const [saved] = useStored(() => getRetention(db), 'settingsChangedAt');
  const [texts, setTexts] = useState<Texts>();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [notice, setNotice] = useState<string>();
  const [saving, setSaving] = useState(false);

  // The form shows what is saved: once loaded, and again when it is saved, here or in another tab.
  useEffect(() => {
    if (saved) setTexts({ maxEntries: String(saved.maxEntries), maxAgeDays: String(saved.maxAgeDays) });
  }, [saved]);

  if (!texts) return null;

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setNotice(undefined);
    const parsed = RetentionSchema.safeParse({
      maxEntries: toNumber(texts.maxEntries),
      maxAgeDays: toNumber(texts.maxAgeDays),
    });
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        found[field] ??= Number.isNaN(toNumber(texts[field])) ? 'Enter a whole number' : issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await saveRetention(db, parsed.data);
      const removed = await pruneByRetention(db, Date.now());
      setNotice(removed > 0 ? `Saved. Removed ${plural(removed, 'run')}.` : 'Saved. No runs needed removing.');
    } catch (error) {
      setNotice(`Could not save: ${(error as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  const input = (field: Field, label: string, unit: string) => (
    <div class="field">
      <label for={`retention-${field}`}>{label}</label>
      <span class="retention-input">
        <input
          id={`retention-${field}`}
          type="number"
          inputMode="numeric"
          class="narrow"
          value={texts[field]}
          aria-invalid={errors[field] ? 'true' : 'false'}
          onInput={(event) => setTexts({ ...texts, [field]: event.currentTarget.value })}
        />{' '}
        {unit}
      </span>
      <FieldError message={errors[field]} />
    </div>
  );

  return (
    <form class="retention" onSubmit={save} aria-label="History retention">
      {input('maxEntries', 'Keep at most', 'runs')}
      {input('maxAgeDays', 'Delete runs older than', 'days')}
      <div class="retention-save">
        <button type="submit" disabled={saving}>
          Save
        </button>
        {notice && (
          <span class="muted" role="status">
            {notice}
          </span>
        )}
      </div>
    </form>
  );
}

function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}
