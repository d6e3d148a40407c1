import type { FieldChange } from '@/lib/sharing/field-changes';
import type { Changes } from '@/lib/sharing/import-plan';

interface PlanChangesProps<T> {
  title: string;
  changes: Changes<T>;
  name: (item: T) => string;
  /** Labels may repeat; ids do not. */
  id: (item: T) => string;
  /** Removals happen only in replace mode; merge never lists them. */
  showRemoved: boolean;
}

/** One kind of item in a preview (actions, sites or constants): what is added, changed, kept and removed. */
export function PlanChanges<T>({ title, changes, name, id, showRemoved }: PlanChangesProps<T>) {
  const { added, changed, unchanged, removed } = changes;
  const shownRemoved = showRemoved ? removed : [];
  if (added.length + changed.length + unchanged.length + shownRemoved.length === 0) return null;
  const list = (items: readonly T[]) => (
    <ul>
      {items.map((item) => (
        <li key={id(item)}>{name(item)}</li>
      ))}
    </ul>
  );
  return (
    <div class={`plan-group plan-${title.toLowerCase()}`}>
      <h4>{title}</h4>
      {added.length > 0 && (
        <div class="plan-added">
          <p class="plan-label">Added ({added.length})</p>
          {list(added)}
        </div>
      )}
      {changed.length > 0 && (
        <div class="plan-changed">
          <p class="plan-label">Changed ({changed.length})</p>
          <ul>
            {changed.map((change) => (
              <li key={id(change.after)}>
                {name(change.after)}
                <FieldChanges fields={change.fields} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {unchanged.length > 0 && (
        <details class="plan-unchanged">
          <summary>Unchanged ({unchanged.length})</summary>
          {list(unchanged)}
        </details>
      )}
      {shownRemoved.length > 0 && (
        <div class="plan-removed">
          <p class="plan-label">Removed ({shownRemoved.length})</p>
          {list(shownRemoved)}
        </div>
      )}
    </div>
  );
}

function FieldChanges({ fields }: { fields: readonly FieldChange[] }) {
  return (
    <ul class="field-changes">
      {fields.map((field) => (
        <li key={field.path}>
          {/* `.url` reads better as `url`; `[0]` and deeper paths stay as they are. */}
          <span class="field-path">{field.path.replace(/^\./, '')}</span>: {field.before} → {field.after}
        </li>
      ))}
    </ul>
  );
}
