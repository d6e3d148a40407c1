import { useState } from 'preact/hooks';
import { detailsFor } from '@/lib/history/details';
import { csvHeader, csvLines, HistoryJsonWriter } from '@/lib/history/export';
import type { HistoryFilter } from '@/lib/history/filter';
import { historyPages } from '@/lib/history/paging';
import { maskSecretValues } from '@/lib/render/mask';
import type { Database } from '@/lib/storage/database';
import { listSecrets } from '@/lib/storage/secrets-store';
import { downloadFile } from '../shared/download';

/**
 * Saves the runs the filter keeps (all of them, not only those loaded) as JSON, with requests and attempts,
 * or as CSV. The log is read a page at a time and each page written out as text before the next is read.
 */
export function ExportButtons({ db, filter, none }: { db: Database; filter: HistoryFilter; none: boolean }) {
  const [busy, setBusy] = useState<'json' | 'csv'>();
  const [error, setError] = useState<string>();
  const name = (extension: string) => `incident-actions-history-${new Date().toISOString().slice(0, 10)}.${extension}`;

  const run = async (kind: 'json' | 'csv', write: () => Promise<void>) => {
    setBusy(kind);
    setError(undefined);
    try {
      await write();
    } catch (failure) {
      setError(`Could not export: ${(failure as Error).message}`);
    } finally {
      setBusy(undefined);
    }
  };

  const exportJson = () =>
    run('json', async () => {
      const secretValues = (await listSecrets(db)).map((secret) => secret.value);
      const writer = new HistoryJsonWriter();
      const parts = [writer.start()];
      for await (const page of historyPages(db, filter, Date.now())) {
        const details = await detailsFor(
          db,
          page.map((entry) => entry.id),
        );
        // Rows are masked when logged; the saved values are masked once more for rows logged before that was so.
        parts.push(maskSecretValues(writer.runs(page, details), secretValues));
      }
      parts.push(writer.end());
      downloadFile(name('json'), 'application/json', parts);
    });

  const exportCsv = () =>
    run('csv', async () => {
      const parts = [csvHeader()];
      for await (const page of historyPages(db, filter, Date.now())) parts.push(csvLines(page));
      downloadFile(name('csv'), 'text/csv;charset=utf-8', parts);
    });

  return (
    <div class="history-export">
      <button type="button" disabled={none || busy !== undefined} onClick={exportJson}>
        {busy === 'json' ? 'Exporting…' : 'Export JSON'}
      </button>
      <button type="button" disabled={none || busy !== undefined} onClick={exportCsv}>
        {busy === 'csv' ? 'Exporting…' : 'Export CSV'}
      </button>
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
