import { defineContentScript } from 'wxt/utils/define-content-script';
import { grafanaOnCall } from '@/lib/sites/grafana-oncall/page';
import { startIncidentPage } from './incident.content/incident-script';
import { INCIDENT_SCRIPT_OPTIONS } from './incident.content/script-options';

/** Grafana OnCall and IRM (cloud) incident pages, with this site's adapter only. */
export default defineContentScript({
  ...INCIDENT_SCRIPT_OPTIONS,
  matches: grafanaOnCall.matches,
  main(ctx) {
    startIncidentPage(ctx, { builtIn: grafanaOnCall });
  },
});
