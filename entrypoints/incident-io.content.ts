import { defineContentScript } from 'wxt/utils/define-content-script';
import { incidentIo } from '@/lib/sites/incident-io/page';
import { startIncidentPage } from './incident.content/incident-script';
import { INCIDENT_SCRIPT_OPTIONS } from './incident.content/script-options';

/** incident.io incident pages, with this site's adapter only. */
export default defineContentScript({
  ...INCIDENT_SCRIPT_OPTIONS,
  matches: incidentIo.matches,
  main(ctx) {
    startIncidentPage(ctx, { builtIn: incidentIo });
  },
});
