import { useState } from 'preact/hooks';
import type { ActionButton } from '@/lib/model/action';
import type { IncidentSnapshot } from '@/lib/model/incident';
import { ActionBar } from './ActionBar';
import { ConfirmDialog } from './ConfirmDialog';

export interface IncidentActionsProps {
  actions: ActionButton[];
  /** Docked in the site's header, or the floating bar where no dock was found. */
  placement: 'docked' | 'floating';
  /** Read at click time, so the modal always shows the incident on screen now. */
  readIncident: () => IncidentSnapshot | undefined;
}

/** The injected UI: one button per enabled action, and the confirmation modal of the one clicked. */
export function IncidentActions({ actions, placement, readIncident }: IncidentActionsProps) {
  const [pending, setPending] = useState<{ action: ActionButton; incident: IncidentSnapshot }>();

  const choose = (action: ActionButton) => {
    const incident = readIncident();
    if (incident) setPending({ action, incident });
  };

  return (
    <>
      <ActionBar actions={actions} placement={placement} onChoose={choose} />
      {pending && (
        <ConfirmDialog
          key={`${pending.action.id}:${pending.incident.id}`}
          action={pending.action}
          incident={pending.incident}
          onClose={() => setPending(undefined)}
        />
      )}
    </>
  );
}
