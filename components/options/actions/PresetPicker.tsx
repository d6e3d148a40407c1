import { useState } from 'preact/hooks';
import type { Action } from '@/lib/model/action';
import { findPreset, PRESETS } from '@/lib/presets';
import { applyPreset } from '@/lib/presets/apply';

const GROUPS = [...new Set(PRESETS.map((preset) => preset.group))];

/**
 * Starts the action from a receiver's format. The body, headers, authentication and signing are replaced
 * (the label, URL and conditions stay), and one click undoes it.
 */
export function PresetPicker({ draft, onApply }: { draft: Action; onApply: (action: Action) => void }) {
  const [applied, setApplied] = useState<{ id: string; before: Action }>();
  const preset = applied && findPreset(applied.id);
  return (
    <div class="field preset-picker">
      <label for="action-preset">Start from</label>
      <select
        id="action-preset"
        value={applied?.id ?? ''}
        onChange={(e) => {
          const chosen = findPreset(e.currentTarget.value);
          if (!chosen) return;
          setApplied({ id: chosen.id, before: applied?.before ?? draft });
          onApply(applyPreset(draft, chosen));
        }}
      >
        <option value="">A preset for your receiver…</option>
        {GROUPS.map((group) => (
          <optgroup key={group} label={group}>
            {PRESETS.filter((item) => item.group === group).map((item) => (
              <option key={item.id} value={item.id}>
                {item.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {preset && applied && (
        <p class="hint" role="status">
          {preset.description} The body, headers, authentication and signing were replaced.{' '}
          <button
            type="button"
            onClick={() => {
              onApply(applied.before);
              setApplied(undefined);
            }}
          >
            Undo
          </button>
        </p>
      )}
    </div>
  );
}
