import { useState } from 'preact/hooks';
import { detailsFor } from '@/lib/history/details';
import { runsToCsv, runsToJson } from '@/lib/history/export';
import type { LogEntry } from '@/lib/model/log-entry';
import { maskSecretValues } from '@/lib/render/mask';
import type { Database } from '@/lib/storage/database';
import { listSecrets } from '@/lib/storage/secrets-store';
import { downloadFile } from '../shared/download';

/** Saves the runs shown (the filtered ones) as JSON, with requests and attempts, or as CSV. */
export function ExportButtons({ db, entries }: { db: Database; entries: readonly LogEntry[] }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const name = (extension: string) => `incident-actions-history-${new Date().toISOString().slice(0, 10)}.${extension}`;

  const exportJson = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const [details, secrets] = await Promise.all([
        detailsFor(
          db,
          entries.map((entry) => entry.id),
        ),
        listSecrets(db),
      ]);
      const secretValues = secrets.map((secret) => secret.value);
      // Rows are masked when logged; the saved values are masked once more for rows logged before that was so.
      downloadFile(name('json'), 'application/json', maskSecretValues(runsToJson(entries, details), secretValues));
    } catch (failure) {
      setError(`Could not export: ${(failure as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const none = entries.length === 0;
  return (
    <div class="history-export">
      <button type="button" disabled={none || busy} onClick={exportJson}>
        {busy ? 'Exporting…' : 'Export JSON'}
      </button>
      <button
        type="button"
        disabled={none || busy}
        onClick={() => downloadFile(name('csv'), 'text/csv;charset=utf-8', runsToCsv(entries))}
      >
        Export CSV
      </button>
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
