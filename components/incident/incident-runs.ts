import { onChange } from '@/lib/messaging/change-signals';
import { askBackground } from '@/lib/messaging/content-client';
import type { IncidentSnapshot } from '@/lib/model/incident';
import type { IncidentRun } from '@/lib/model/log-entry';

/**
 * Follows an incident's runs: asked again whenever the background says the log changed (a send, an attempt, a
 * retry's end), so the runs count, the timeline and an open modal follow retries as they happen. Call with the same
 * incident as often as the page is read: only a new identity starts over. `stop` ends it.
 */
export function incidentRunsFollower(onRuns: (runs: IncidentRun[]) => void) {
  let key = '';
  let stop = () => {};
  return {
    follow(incident: IncidentSnapshot | undefined): void {
      const next = incident ? `${incident.site}:${incident.id}` : '';
      if (next === key) return;
      key = next;
      stop();
      stop = () => {};
      if (!incident) {
        onRuns([]);
        return;
      }
      let live = true;
      const load = () =>
        void askBackground({ type: 'incidentRuns', incident }).then((reply) => {
          if (live && reply.ok) onRuns(reply.value);
        });
      load();
      const unsubscribe = onChange('logChangedAt', load);
      stop = () => {
        live = false;
        unsubscribe();
      };
    },
    stop(): void {
      stop();
      key = '';
    },
  };
}
