import { useEffect, useRef, useState } from 'preact/hooks';
import type { Result } from '@/lib/core/result';

/** What a pick on the page found: where the buttons would go, or the value a field would read. */
export type PickedFix =
  | { target: 'dock'; selector: string }
  | { target: 'field'; field: string; selector: string; value: string | undefined };

/** What the incident page offers for repairing how it is read (the content script implements it). */
export interface PageFixer {
  siteName: string;
  /** Why the responder cannot change this site's reading: an admin locked it. */
  locked?: string;
  /** The fields a pick can set: the normalized ones; a custom field is `custom_fields.<name>`. */
  fields: readonly string[];
  /** Runs the picker on the page: undefined when cancelled, an error when nothing stable identifies the element. */
  pick(target: 'dock' | { field: string }): Promise<Result<PickedFix> | undefined>;
  save(fix: PickedFix): Promise<Result<unknown>>;
  /** Copies the page's structural report; the answer says what happened, for the responder. */
  copyReport(): Promise<string>;
}

type Step =
  | { name: 'menu'; message?: string; error?: string }
  | { name: 'picking' }
  | { name: 'review'; picked: PickedFix }
  | { name: 'saving'; picked: PickedFix };

const CUSTOM = 'custom field';

/**
 * Repairs the page from the page itself: move the buttons, show which element holds a field, or copy a report of
 * the page's structure for whoever fixes the adapter. The dialog closes while the responder picks, so that the
 * page can be pointed at; it opens again with what the pick found, and nothing is saved before Save.
 */
export function FixPageDialog({ fixer, onClose }: { fixer: PageFixer; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [step, setStep] = useState<Step>({ name: 'menu' });
  const [field, setField] = useState(fixer.fields[0] ?? 'title');
  const [customName, setCustomName] = useState('');
  /** The dialog's close event comes after the pick closed it: a ref, read then, says it was the pick. */
  const picking = useRef(false);

  useEffect(() => {
    if (step.name !== 'picking' && !dialog.current?.open) dialog.current?.showModal();
  }, [step.name]);

  const pick = async (target: 'dock' | { field: string }) => {
    picking.current = true;
    setStep({ name: 'picking' });
    dialog.current?.close();
    const picked = await fixer.pick(target).catch((error: Error) => ({ ok: false as const, error: error.message }));
    picking.current = false;
    if (!picked) setStep({ name: 'menu', message: 'Picking cancelled: nothing changed.' });
    else if (!picked.ok) setStep({ name: 'menu', error: picked.error });
    else setStep({ name: 'review', picked: picked.value });
  };

  const save = async (picked: PickedFix) => {
    setStep({ name: 'saving', picked });
    const saved = await fixer.save(picked);
    // The buttons (and this dialog with them) move to the new dock: the move is the answer.
    if (saved.ok && picked.target === 'dock') return dialog.current?.close();
    setStep(
      saved.ok
        ? {
            name: 'menu',
            message:
              picked.target === 'dock'
                ? 'Saved: the buttons move there on this site’s pages.'
                : `Saved: ${picked.field} is read from there on this site’s pages.`,
          }
        : { name: 'menu', error: saved.error },
    );
  };

  const chosenField = field === CUSTOM ? `custom_fields.${customName.trim()}` : field;
  const canPickField = field !== CUSTOM || /^[A-Za-z0-9_ -]{1,60}$/.test(customName.trim());
  if (step.name === 'picking') return null;
  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="ia-fix-title"
      onClose={() => {
        // Closed by Esc or a button, not by the pick (which closes it itself and reopens it after).
        if (!picking.current) onClose();
      }}
    >
      <header>
        <h2 id="ia-fix-title">Fix this page</h2>
        <p class="incident">
          How {fixer.siteName} pages are read, on this browser (shared when you export your config).
        </p>
      </header>
      {(step.name === 'review' || step.name === 'saving') && <Review picked={step.picked} />}
      {step.name === 'menu' && (
        <section class="fix-menu">
          {fixer.locked ? (
            <p class="status" role="note">
              {fixer.locked}: the dock and fields cannot be changed here.
            </p>
          ) : (
            <>
              <p>
                <button type="button" onClick={() => void pick('dock')}>
                  Move the buttons…
                </button>
              </p>
              <p class="fix-field">
                <label>
                  Field{' '}
                  <select value={field} onChange={(event) => setField(event.currentTarget.value)}>
                    {[...fixer.fields, CUSTOM].map((name) => (
                      <option key={name} value={name}>
                        {name}
                      </option>
                    ))}
                  </select>
                </label>
                {field === CUSTOM && (
                  <label>
                    {' '}
                    Name{' '}
                    <input
                      value={customName}
                      maxLength={60}
                      onInput={(event) => setCustomName(event.currentTarget.value)}
                    />
                  </label>
                )}{' '}
                <button type="button" disabled={!canPickField} onClick={() => void pick({ field: chosenField })}>
                  Pick it on the page…
                </button>
              </p>
            </>
          )}
          <p>
            <button
              type="button"
              onClick={() =>
                void fixer.copyReport().then(
                  (message) => setStep({ name: 'menu', message }),
                  (error: Error) => setStep({ name: 'menu', error: error.message }),
                )
              }
            >
              Copy page report
            </button>{' '}
            <span class="muted">The page’s structure without its text, to fix the adapter or attach to an issue.</span>
          </p>
          {step.message && (
            <p class="status success" role="status">
              {step.message}
            </p>
          )}
          {step.error && (
            <p class="status error" role="alert">
              {step.error}
            </p>
          )}
        </section>
      )}
      <footer>
        <button type="button" class="secondary" onClick={() => dialog.current?.close()}>
          Close
        </button>
        {step.name === 'review' && (
          <>
            <button type="button" class="secondary" onClick={() => setStep({ name: 'menu' })}>
              Back
            </button>
            <button type="button" class="primary" onClick={() => void save(step.picked)}>
              Save
            </button>
          </>
        )}
      </footer>
    </dialog>
  );
}

function Review({ picked }: { picked: PickedFix }) {
  return (
    <section class="fix-review" aria-label="What the pick found">
      {picked.target === 'dock' ? (
        <p>The buttons will go in the element found by this selector.</p>
      ) : picked.value === undefined ? (
        <p class="status error" role="alert">
          {picked.field} reads nothing from that element.
        </p>
      ) : (
        <p>
          {picked.field} will read: <strong class="picked-value">{picked.value}</strong>
        </p>
      )}
      <p>
        <code>{picked.selector}</code>
      </p>
    </section>
  );
}
