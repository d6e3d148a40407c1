import { useEffect, useRef, useState } from 'preact/hooks';
import { randomUuid } from '@/lib/core/random-uuid';
import { ACTION_CHANGED, askBackground } from '@/lib/messaging/content-client';
import type { Delivery, Preview } from '@/lib/messaging/messages';
import type { ActionButton } from '@/lib/model/action';
import type { IncidentSnapshot } from '@/lib/model/incident';
import { type IncidentValues, VALUES_SOURCE } from '@/lib/model/incident-values';
import type { IncidentRun } from '@/lib/model/log-entry';
import { OUTCOME_LABELS } from '@/lib/model/outcome';
import { RequestView } from '../shared/RequestView';
import { clockTime } from '../shared/time';
import { AnswerFrame, type AnswerFrameState } from './AnswerFrame';
import { DeliveryView } from './DeliveryView';
import {
  COVERED,
  coverProblem,
  followPointer,
  movedOnto,
  onPointer,
  useCoverProblem,
  useTrackedVisibility,
} from './visibility-guard';

/** Send stays disarmed this long after the modal appears, so a double click cannot confirm by accident. */
export const ARM_DELAY_MS = 400;

/** Why an offered Send does nothing yet: no pointer has moved onto it and no Tab has reached it. */
export const ARM_HINT = 'Move the pointer onto Send, or use Tab.';

type Phase =
  | { name: 'loading' }
  /** The answers to the action's questions do not pass yet: the form stays, Send waits. */
  | { name: 'invalid'; message: string }
  /** `answers`: the answers this preview was rendered with; Send waits for a preview of the current ones. */
  | { name: 'ready'; preview: Preview; answers: string }
  | { name: 'sending'; preview: Preview }
  | { name: 'done'; preview: Preview; delivery: Delivery }
  | { name: 'error'; message: string; preview?: Preview };

interface ConfirmDialogProps {
  action: ActionButton;
  /** What the page shows; the vendor's API completes it before the preview. */
  incident: IncidentSnapshot;
  onClose: () => void;
  /** The incident's runs, kept live: the modal follows its own run through retries. */
  runs?: IncidentRun[];
  /** Completes the page's values with the vendor's API (the content script's `incidentValues`). */
  loadValues: (page: IncidentSnapshot) => Promise<IncidentValues>;
}

export function ConfirmDialog({ action, incident, onClose, runs, loadValues }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const [armed, setArmed] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [values, setValues] = useState<IncidentValues>();
  // One confirmation per opening: the preview and the send share it, and a second Send of it is refused.
  const [invocation] = useState(() => ({ id: randomUuid(), createdAt: Date.now() }));
  const prompts = action.prompts ?? [];
  // The questions are answered in a frame of the extension's (AnswerFrame): until it is up, no answer was shown.
  const [questions, setQuestions] = useState<AnswerFrameState>(prompts.length > 0 ? 'loading' : 'ready');
  const [answers, setAnswers] = useState<Record<string, string>>(() =>
    Object.fromEntries(prompts.map((prompt) => [prompt.name, prompt.default ?? ''])),
  );
  // What the preview and the send both name: this confirmation, the incident's values and the answers.
  const confirmation = (shown: IncidentSnapshot) => ({
    actionId: action.id,
    incident: shown,
    invocation,
    ...(prompts.length > 0 ? { answers } : {}),
  });
  // The dialog, not the Send button: a disabled button is drawn translucent, which v2 counts as hidden.
  const visible = useTrackedVisibility(dialog);
  const sendButton = useRef<HTMLButtonElement>(null);
  const sendNowButton = useRef<HTMLButtonElement>(null);
  /** The buttons a person has shown intent for: the pointer moved onto it, or Tab reached it and a key pressed. */
  const intent = useRef({
    pointer: new Set<Element>(),
    keyboard: new Set<Element>(),
    tabbedTo: new Set<Element>(),
    tabbing: false,
  });
  const [intended, setIntended] = useState(false);
  const [hinted, setHinted] = useState(false);

  // The values are read once per incident shown: a parent that passes a new `loadValues` on each render does not
  // make the dialog read the vendor's API again (the incident page passes one function; tests pass new ones).
  const load = useRef(loadValues);
  load.current = loadValues;
  useEffect(() => {
    // A modal <dialog> sits in the top layer above the page, keeps focus inside and closes on Esc.
    dialog.current?.showModal();
    let live = true;
    void load.current(incident).then((loaded) => live && setValues(loaded));
    return () => {
      live = false;
    };
  }, [incident]);

  // Once Send is clicked the preview is final: a later render (the page's runs changing after the send, a new
  // `loadValues` from the parent) must not render it again over the send's outcome, nor offer Send again.
  const sent = useRef(false);
  // Counts the previews asked for again because the action changed under the modal (design rule 10).
  const [round, setRound] = useState(0);

  // The preview follows the answers: what the responder confirms is exactly what is sent.
  useEffect(() => {
    if (!values || sent.current) return;
    let live = true;
    const run = async () => {
      setPhase((current) => (current.name === 'ready' ? current : { name: 'loading' }));
      const reply = await askBackground({ type: 'previewRequest', ...confirmation(values.incident) });
      if (!live || sent.current) return;
      if (reply.ok) setPhase({ name: 'ready', preview: reply.value, answers: JSON.stringify(answers) });
      else if (prompts.length > 0) setPhase({ name: 'invalid', message: reply.error });
      else setPhase({ name: 'error', message: reply.error });
    };
    // Typing in a question re-renders the preview once the typing pauses.
    const timer = prompts.length > 0 ? setTimeout(run, 150) : undefined;
    if (!timer) void run();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [action.id, values, answers, prompts.length, invocation, round]);

  const ready = phase.name === 'ready' && phase.answers === JSON.stringify(answers) && questions === 'ready';
  useEffect(() => {
    if (!ready || armed) return;
    const timer = setTimeout(() => setArmed(true), ARM_DELAY_MS);
    return () => clearTimeout(timer);
  }, [ready, armed]);
  const covered = useCoverProblem(sendButton, ready && armed);
  const offered = armed && visible && ready && !covered;
  const offCause = armed && ready ? (covered ?? (visible ? undefined : COVERED)) : undefined;

  // Design rule 3: a click counts only from a pointer moved onto the button while it was offered, so a page
  // cannot make a person click fast where Send is about to appear under a pointer that is already there.
  const offeredNow = useRef(offered);
  offeredNow.current = offered;
  useEffect(() => {
    followPointer();
    return onPointer((event, before) => {
      if (!offeredNow.current) return;
      for (const button of [sendButton.current, sendNowButton.current]) {
        if (button && !button.disabled && movedOnto(event, before, button.getBoundingClientRect())) {
          intent.current.pointer.add(button);
          setIntended(true);
        }
      }
    });
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (!event.isTrusted) return;
    const target = event.target as Element;
    if (event.key === 'Tab') intent.current.tabbing = true;
    else if ((event.key === 'Enter' || event.key === ' ') && intent.current.tabbedTo.has(target))
      intent.current.keyboard.add(target);
  };
  // Only focus a Tab brought arms the keyboard path: not the page's focus(), not a click.
  const onFocusIn = (event: FocusEvent) => {
    if (intent.current.tabbing) intent.current.tabbedTo.add(event.target as Element);
    intent.current.tabbing = false;
  };
  const onFocusOut = (event: FocusEvent) => {
    intent.current.tabbedTo.delete(event.target as Element);
    intent.current.keyboard.delete(event.target as Element);
  };
  /** A click from the keyboard (detail 0) needs the keyboard's intent; a pointer's click, the pointer's. */
  const intends = (event: MouseEvent) => {
    const button = event.currentTarget as Element;
    return event.detail === 0 ? intent.current.keyboard.has(button) : intent.current.pointer.has(button);
  };

  /** Send: after any earlier run of this action on this incident that is still pending; or, chosen, now. */
  const send = async (event: MouseEvent, sendNow = false) => {
    if (!event.isTrusted || !offered || phase.name !== 'ready' || !values) return;
    if (!dialog.current?.open || document.visibilityState !== 'visible') return;
    if (!intends(event)) {
      setHinted(true);
      return;
    }
    // Checked again at the click itself, on the button clicked: a cover that came since the last check.
    const problem = coverProblem(event.currentTarget as Element);
    setRefusal(problem);
    if (problem) return;
    const { preview } = phase;
    sent.current = true;
    setPhase({ name: 'sending', preview });
    const reply = await askBackground({
      type: 'sendAction',
      ...confirmation(values.incident),
      shown: preview.digest,
      ...(sendNow ? { sendNow: true as const } : {}),
    });
    if (!reply.ok && reply.error === ACTION_CHANGED) {
      // Nothing was sent: the new request is previewed, and Send arms again for it.
      sent.current = false;
      setArmed(false);
      setRefusal(reply.error);
      setPhase({ name: 'loading' });
      setRound((count) => count + 1);
      return;
    }
    setPhase(
      reply.ok ? { name: 'done', preview, delivery: reply.value } : { name: 'error', message: reply.error, preview },
    );
  };

  const preview = 'preview' in phase ? phase.preview : undefined;
  const ownRun = runs?.find((run) => run.id === invocation.id);
  const shown = values?.incident ?? incident;
  const finished = phase.name === 'done' || phase.name === 'error';
  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="ia-dialog-title"
      onClose={onClose}
      onKeyDown={onKeyDown}
      onFocusIn={onFocusIn}
      onFocusOut={onFocusOut}
    >
      <header>
        <h2 id="ia-dialog-title">Run “{action.label}”?</h2>
        <p class="incident">
          Incident <strong>{incident.id}</strong>
          {shown.title ? ` · ${shown.title}` : ''}
        </p>
        {values && <ValuesSource values={values} />}
      </header>
      {prompts.length > 0 && values && (
        <AnswerFrame
          prompts={prompts}
          answers={answers}
          disabled={finished || phase.name === 'sending'}
          onChange={(name, value) => !sent.current && setAnswers((current) => ({ ...current, [name]: value }))}
          onState={setQuestions}
          onKey={(key) => {
            if (key === 'Escape') dialog.current?.close();
            else intent.current.tabbing = true;
          }}
          customFields={values.incident.custom_fields ?? {}}
        />
      )}
      {phase.name === 'invalid' && (
        <p class="status error" role="alert">
          {phase.message}
        </p>
      )}
      {phase.name === 'loading' && <p class="muted">{values ? 'Preparing the request…' : 'Reading the incident…'}</p>}
      {preview && <RequestView request={preview.request} />}
      {preview?.followUps && (
        <ul class="muted follow-ups" aria-label="Follow-up events">
          {preview.followUps.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {preview?.regexCut?.map((note) => (
        <p class="muted" key={note}>
          {note}
        </p>
      ))}
      {phase.name === 'ready' && phase.preview.queuedBehind && <QueuedBehind run={phase.preview.queuedBehind} />}
      {phase.name === 'sending' && (
        <p class="status" role="status">
          Sending…
        </p>
      )}
      {phase.name === 'done' && (
        <DeliveryView delivery={phase.delivery} run={runs?.find((run) => run.id === phase.delivery.logId)} />
      )}
      {refusal && (
        <p class="status error" role="alert">
          {refusal}
        </p>
      )}
      {phase.name === 'ready' && (
        // Always laid out while Send is shown, so a message coming or going never moves Send under the pointer.
        <p
          id="ia-arm-hint"
          class={`arm-status ${hinted ? 'status' : 'muted'}`}
          role={hinted ? 'alert' : undefined}
          style={{ visibility: offCause || (offered && !intended) ? 'visible' : 'hidden' }}
        >
          {offCause ?? ARM_HINT}
        </p>
      )}
      {phase.name === 'error' &&
        (ownRun ? (
          // The reply was lost (the worker was stopped mid-send), but the run is in the outbox: follow it.
          <DeliveryView delivery={{ logId: ownRun.id, outcome: 'retrying', attemptCount: 0 }} run={ownRun} />
        ) : (
          <p class="status error" role="alert">
            {phase.message}
          </p>
        ))}
      <footer>
        {/* Cancel takes the initial focus, so Enter never sends by accident. */}
        <button type="button" class="secondary" autofocus onClick={() => dialog.current?.close()}>
          {finished ? 'Close' : 'Cancel'}
        </button>
        {!finished && phase.name === 'ready' && phase.preview.queuedBehind && (
          <button
            ref={sendNowButton}
            type="button"
            class="secondary"
            disabled={!offered}
            onClick={(event) => send(event, true)}
          >
            Send now
          </button>
        )}
        {!finished && (
          <button
            ref={sendButton}
            type="button"
            class="primary"
            disabled={!offered}
            aria-describedby={offered && !intended ? 'ia-arm-hint' : undefined}
            onClick={(event) => send(event)}
          >
            Send
          </button>
        )}
      </footer>
    </dialog>
  );
}

/** Where the values came from, and why the API did not help when it did not. */
function ValuesSource({ values }: { values: IncidentValues }) {
  return (
    <p class="muted values-source">
      Values from {VALUES_SOURCE[values.from]}
      {values.problem ? `: ${values.problem}` : ''}
    </p>
  );
}

/**
 * An earlier run of this action on this incident is still pending: Send queues behind it, as PagerDuty keeps one
 * incident's webhooks in order; Send now is the responder's choice to go ahead.
 */
function QueuedBehind({ run }: { run: NonNullable<Preview['queuedBehind']> }) {
  return (
    <p class="status pending" role="status">
      Queued behind the run of {clockTime(run.createdAt)} ({OUTCOME_LABELS[run.outcome].toLowerCase()}): Send waits
      until it ends, so the receiver gets them in order. Send now goes ahead of it.
    </p>
  );
}
