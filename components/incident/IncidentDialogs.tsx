import { useEffect } from 'preact/hooks';
import type { ActionButton } from '@/lib/model/action';
import type { IncidentSnapshot } from '@/lib/model/incident';
import type { IncidentValues } from '@/lib/model/incident-values';
import type { IncidentRun } from '@/lib/model/log-entry';
import { ConfirmDialog } from './ConfirmDialog';
import { FixPageDialog, type PageFixer } from './FixPageDialog';
import { RunTimeline } from './RunTimeline';
import { followPointer, type Point } from './visibility-guard';

export interface IncidentDialogsProps {
  /** The action clicked and the incident on screen at the click: its confirmation modal. */
  pending?: { action: ActionButton; incident: IncidentSnapshot };
  /** The incident's runs, kept live by the bar's loader. */
  runs: IncidentRun[];
  runsOpen: boolean;
  /** Repairs how this site's pages are read, from the page; its dialog shows while `fixing`. */
  fixer?: PageFixer;
  fixing: boolean;
  /** Completes the page's values with the vendor's API before the preview. */
  loadValues: (page: IncidentSnapshot) => Promise<IncidentValues>;
  onCloseConfirm: () => void;
  onCloseRuns: () => void;
  onCloseFix: () => void;
  /** Where the bar's loader last saw the pointer, before these dialogs loaded. */
  pointerBefore?: () => Point | undefined;
}

/** What the bar opens, loaded on demand: the confirmation modal of the action clicked, the runs, Fix this page. */
export function IncidentDialogs(props: IncidentDialogsProps) {
  const { pending, runs, fixer } = props;
  // So the modal knows where the pointer was before it opened: the loader followed it until now.
  useEffect(() => followPointer(window, props.pointerBefore?.()), []);
  return (
    <>
      {props.fixing && fixer && <FixPageDialog fixer={fixer} onClose={props.onCloseFix} />}
      {props.runsOpen && runs.length > 0 && <RunTimeline runs={runs} onClose={props.onCloseRuns} />}
      {pending && (
        <ConfirmDialog
          key={`${pending.action.id}:${pending.incident.id}`}
          action={pending.action}
          incident={pending.incident}
          runs={runs}
          loadValues={props.loadValues}
          onClose={props.onCloseConfirm}
        />
      )}
    </>
  );
}
