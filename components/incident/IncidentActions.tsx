import { useEffect, useState } from 'preact/hooks';
import type { ActionButton } from '@/lib/model/action';
import type { IncidentSnapshot } from '@/lib/model/incident';
import type { IncidentValues } from '@/lib/model/incident-values';
import { ActionBar } from './ActionBar';
import { ConfirmDialog } from './ConfirmDialog';
import { FixPageDialog, type PageFixer } from './FixPageDialog';
import { RunTimeline } from './RunTimeline';
import { useIncidentRuns } from './use-incident-runs';
import { followPointer } from './visibility-guard';

export interface IncidentActionsProps {
  actions: ActionButton[];
  /** Docked in the site's header, or the floating bar where no dock was found. */
  placement: 'docked' | 'floating';
  /** The incident the buttons were listed for: its runs make the timeline. */
  incident?: IncidentSnapshot;
  /** Read at click time, so the modal always shows the incident on screen now. */
  readIncident: () => IncidentSnapshot | undefined;
  /** Completes the page's values with the vendor's API before the preview. */
  loadValues: (page: IncidentSnapshot) => Promise<IncidentValues>;
  /** Repairs how this site's pages are read, from the page. */
  fixer?: PageFixer;
}

/** The injected UI: one button per enabled action, the confirmation modal of the one clicked, and the runs. */
export function IncidentActions({
  actions,
  placement,
  incident,
  readIncident,
  loadValues,
  fixer,
}: IncidentActionsProps) {
  const [pending, setPending] = useState<{ action: ActionButton; incident: IncidentSnapshot }>();
  const [runsOpen, setRunsOpen] = useState(false);
  const [fixing, setFixing] = useState(false);
  const runs = useIncidentRuns(incident);
  // From the buttons' first showing, so the modal knows where the pointer was before it opened.
  useEffect(() => followPointer(), []);

  const choose = (action: ActionButton) => {
    const current = readIncident();
    if (current) setPending({ action, incident: current });
  };

  return (
    <>
      <ActionBar
        actions={actions}
        placement={placement}
        onChoose={choose}
        runCount={runs.length}
        runsOpen={runsOpen}
        onToggleRuns={() => setRunsOpen(!runsOpen)}
        onFix={fixer && (() => setFixing(true))}
      />
      {fixing && fixer && <FixPageDialog fixer={fixer} onClose={() => setFixing(false)} />}
      {runsOpen && runs.length > 0 && <RunTimeline runs={runs} onClose={() => setRunsOpen(false)} />}
      {pending && (
        <ConfirmDialog
          key={`${pending.action.id}:${pending.incident.id}`}
          action={pending.action}
          incident={pending.incident}
          runs={runs}
          loadValues={loadValues}
          onClose={() => setPending(undefined)}
        />
      )}
    </>
  );
}
