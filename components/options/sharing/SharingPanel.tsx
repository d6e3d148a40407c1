import { useState } from 'preact/hooks';
import type { Action } from '@/lib/model/action';
import type { ConfigProblem } from '@/lib/sharing/json-path';
import { type IncomingConfig, readConfig } from '@/lib/sharing/read-config';
import type { Database } from '@/lib/storage/database';
import { Notice } from '../shared/Notice';
import { ExportControls } from './ExportControls';
import { ImportPreview } from './ImportPreview';
import { ImportSource } from './ImportSource';

const MAX_SHOWN = 20;

/** Export actions as a config file, and import one: read and checked, previewed, then written at once. */
export function SharingPanel({ db, actions }: { db: Database; actions: readonly Action[] }) {
  // Each file read gets a fresh preview (its own mode and typed secrets).
  const [incoming, setIncoming] = useState<{ config: IncomingConfig; read: number }>();
  const [problems, setProblems] = useState<ConfigProblem[]>();
  const [done, setDone] = useState<string>();

  const read = (text: string) => {
    setDone(undefined);
    const result = readConfig(text, Date.now());
    if (result.ok) {
      setProblems(undefined);
      setIncoming({ config: result.value, read: (incoming?.read ?? 0) + 1 });
    } else {
      setIncoming(undefined);
      setProblems(result.problems);
    }
  };

  return (
    <section aria-labelledby="sharing-heading">
      <h2 id="sharing-heading">Share and import</h2>
      <ExportControls db={db} actions={actions} />
      <div class="sharing-import">
        <h3>Import</h3>
        <Notice class="import-done" message={done} />
        <ImportSource
          onText={read}
          onRefused={(message) => {
            setDone(undefined);
            setIncoming(undefined);
            setProblems([{ path: '$', message }]);
          }}
        />
        {problems && <ImportProblems problems={problems} />}
        {incoming && (
          <ImportPreview
            key={incoming.read}
            db={db}
            incoming={incoming.config}
            onCancel={() => setIncoming(undefined)}
            onDone={(message) => {
              setIncoming(undefined);
              setDone(message);
            }}
          />
        )}
      </div>
    </section>
  );
}

function ImportProblems({ problems }: { problems: readonly ConfigProblem[] }) {
  return (
    <div class="import-error" role="alert">
      <p class="import-error-intro">
        Nothing was imported; the config has {problems.length === 1 ? 'a problem' : `${problems.length} problems`}:
      </p>
      <ul>
        {problems.slice(0, MAX_SHOWN).map((problem) => (
          <li key={`${problem.path} ${problem.message}`}>
            <code>{problem.path}</code>: {problem.message}
          </li>
        ))}
        {problems.length > MAX_SHOWN && <li>…and {problems.length - MAX_SHOWN} more</li>}
      </ul>
    </div>
  );
}
