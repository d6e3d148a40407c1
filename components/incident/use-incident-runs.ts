import { useEffect, useState } from 'preact/hooks';
import { onChange } from '@/lib/messaging/change-signals';
import { askBackground } from '@/lib/messaging/content-client';
import type { IncidentSnapshot } from '@/lib/model/incident';
import type { IncidentRun } from '@/lib/model/log-entry';

/**
 * This incident's runs, kept live: asked again whenever the background says the log changed (a send, an
 * attempt, a retry's end), so the timeline and an open modal follow retries as they happen.
 */
export function useIncidentRuns(incident: IncidentSnapshot | undefined): IncidentRun[] {
  const [runs, setRuns] = useState<IncidentRun[]>([]);
  const key = incident ? `${incident.site}:${incident.id}` : '';
  // Asked again when the incident's identity changes, not on every re-read of its fields.
  useEffect(() => {
    if (!incident) return setRuns([]);
    let live = true;
    const load = () =>
      void askBackground({ type: 'incidentRuns', incident }).then((reply) => {
        if (live && reply.ok) setRuns(reply.value);
      });
    load();
    const stop = onChange('logChangedAt', load);
    return () => {
      live = false;
      stop();
    };
  }, [key]);
  return runs;
}
