import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { grantedOriginPatterns } from '@/lib/permissions/origins';
import { applyImportPlan, describePlan } from '@/lib/sharing/apply-plan';
import { type ImportMode, planImport } from '@/lib/sharing/import-plan';
import type { IncomingConfig } from '@/lib/sharing/read-config';
import { actionOriginPattern } from '@/lib/sharing/references';
import { syncCustomSiteRegistrations } from '@/lib/sites/custom/registration.background';
import { type LocalState, readLocalState } from '@/lib/storage/config-store';
import type { Database } from '@/lib/storage/database';
import { listCustomSites } from '@/lib/storage/sites-store';
import { FieldError } from '../shared/FieldError';
import { PlanChanges } from './PlanChanges';
import { SecretInputs } from './SecretInputs';
import { SharedPlanChanges } from './SharedPlanChanges';

interface ImportPreviewProps {
  db: Database;
  incoming: IncomingConfig;
  /** Called with what was imported, in words. */
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** What an import would do, before it does it; Import writes exactly that, in one transaction. */
export function ImportPreview({ db, incoming, onDone, onCancel }: ImportPreviewProps) {
  const [mode, setMode] = useState<ImportMode>('merge');
  const [local, setLocal] = useState<{ state: LocalState; granted: ReadonlySet<string> }>();
  const [secretValues, setSecretValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    void Promise.all([readLocalState(db), grantedOriginPatterns()]).then(([state, granted]) => {
      if (live) setLocal({ state, granted });
    });
    return () => {
      live = false;
    };
  }, [db]);

  const plan = useMemo(
    () => local && planImport(local.state, incoming, { mode, granted: local.granted }),
    [local, incoming, mode],
  );
  if (!plan) return <p class="muted">Comparing with what is saved…</p>;

  const importNow = () => {
    // Asked from the click itself: Firefox refuses a permission request made after an await.
    const permission =
      plan.origins.length > 0
        ? browser.permissions.request({ origins: plan.origins }).catch(() => false)
        : Promise.resolve(true);
    setBusy(true);
    setError(undefined);
    void (async () => {
      await permission;
      // Planned again: what was granted just now is enabled, and anything saved meanwhile is compared.
      const final = planImport(await readLocalState(db), incoming, { mode, granted: await grantedOriginPatterns() });
      const unsaved = new Set(final.secrets.filter((secret) => !secret.saved).map((secret) => secret.name));
      try {
        await applyImportPlan(db, final, {
          secretValues: Object.fromEntries(Object.entries(secretValues).filter(([name]) => unsaved.has(name))),
          now: Date.now(),
        });
      } catch (failure) {
        setBusy(false);
        setError(`Nothing was imported: ${(failure as Error).message}`);
        return;
      }
      let registration = '';
      try {
        // A site added, removed or just granted gets (or loses) the content script now.
        await syncCustomSiteRegistrations(await listCustomSites(db));
      } catch (failure) {
        registration = ` Sites could not be registered: ${(failure as Error).message}.`;
      }
      const waiting = [...final.actions.added, ...final.actions.changed.map((change) => change.after)].filter(
        (action) => action.awaitingGrant,
      );
      const waitOrigins = [...new Set(waiting.map(actionOriginPattern).filter(Boolean))].join(', ');
      onDone(
        `Imported: ${describePlan(final)}.` +
          (waiting.length > 0
            ? ` ${waiting.length} action${waiting.length === 1 ? ' waits' : 's wait'} for access to ${waitOrigins}.`
            : '') +
          registration,
      );
    })();
  };

  return (
    <div class="import-preview">
      <h3>Preview</h3>
      {plan.migratedFrom && (
        <p class="hint">Written by an older version (format {plan.migratedFrom}); read as the current one.</p>
      )}
      <fieldset class="import-mode">
        <legend>How to import</legend>
        <label class="inline">
          <input
            type="radio"
            name="import-mode"
            value="merge"
            checked={mode === 'merge'}
            onChange={() => setMode('merge')}
          />
          Merge: add and update
        </label>
        <label class="inline">
          <input
            type="radio"
            name="import-mode"
            value="replace"
            checked={mode === 'replace'}
            onChange={() => setMode('replace')}
          />
          Replace: also remove what the file does not have
        </label>
      </fieldset>
      <p class="plan-summary">{describePlan(plan)}</p>
      <PlanChanges
        title="Actions"
        changes={plan.actions}
        name={(action) => action.label}
        id={(action) => action.id}
        showRemoved={mode === 'replace'}
      />
      <SharedPlanChanges plan={plan} showRemoved={mode === 'replace'} />
      <SecretInputs
        secrets={plan.secrets}
        destinations={plan.destinations}
        values={secretValues}
        onChange={(name, value) => setSecretValues((current) => ({ ...current, [name]: value }))}
      />
      {plan.origins.length > 0 && (
        <div class="warning import-origins">
          These actions stay disabled until Incident Actions may call:
          <ul>
            {plan.origins.map((origin) => (
              <li key={origin}>
                <code>{origin}</code>
              </li>
            ))}
          </ul>
          Import asks for that access.
        </div>
      )}
      <FieldError message={error} />
      <div class="form-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" class="primary" onClick={importNow} disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </div>
  );
}
