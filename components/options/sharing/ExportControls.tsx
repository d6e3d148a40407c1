import { useState } from 'preact/hooks';
import { browser, type PublicPath } from 'wxt/browser';
import type { Action } from '@/lib/model/action';
import { CONFIG_SCHEMA_FILE } from '@/lib/sharing/config-file';
import { exportConfig } from '@/lib/sharing/export-config';
import { readLocalState } from '@/lib/storage/config-store';
import type { Database } from '@/lib/storage/database';
import { downloadFile } from '../shared/download';
import { FieldError } from '../shared/FieldError';

const EXPORT_FILE = 'incident-actions-config.json';

/** Saves all actions, or the ones ticked, as a config file (secret values never leave, see exportConfig). */
export function ExportControls({ db, actions }: { db: Database; actions: readonly Action[] }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string>();
  // An action deleted since it was ticked is no longer counted.
  const chosen = actions.filter((action) => selected.has(action.id)).map((action) => action.id);

  const exportNow = async (which: 'all' | string[]) => {
    setError(undefined);
    try {
      // Read fresh: the sites and constants the actions use are not in props.
      const file = exportConfig(await readLocalState(db), which, Date.now());
      downloadFile(EXPORT_FILE, 'application/json', `${JSON.stringify(file, null, 2)}\n`);
    } catch (failure) {
      setError(`Could not export: ${(failure as Error).message}`);
    }
  };

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  return (
    <div class="sharing-export">
      <h3>Export</h3>
      <p class="hint">
        Secret values stay here: the file names each secret, and whoever imports it fills the value in.
      </p>
      {actions.length > 0 && (
        <details class="export-choice">
          <summary>Choose actions to export</summary>
          <ul>
            {actions.map((action) => (
              <li key={action.id}>
                <label class="inline">
                  <input
                    type="checkbox"
                    checked={selected.has(action.id)}
                    onChange={(event) => toggle(action.id, event.currentTarget.checked)}
                  />
                  {action.label}
                </label>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div class="form-actions sharing-buttons">
        <button type="button" disabled={actions.length === 0} onClick={() => void exportNow('all')}>
          Export all actions
        </button>
        {chosen.length > 0 && (
          <button type="button" onClick={() => void exportNow(chosen)}>
            Export selected ({chosen.length})
          </button>
        )}
        <a
          class="schema-link"
          // The schema ships with the extension: same origin as this page, so `download` applies.
          href={browser.runtime.getURL(`/${CONFIG_SCHEMA_FILE}` as PublicPath)}
          download={CONFIG_SCHEMA_FILE}
        >
          Download the JSON Schema
        </a>
      </div>
      <FieldError message={error} />
    </div>
  );
}
