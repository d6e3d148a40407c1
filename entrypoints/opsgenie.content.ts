import { defineContentScript } from 'wxt/utils/define-content-script';
import { opsgenie } from '@/lib/sites/opsgenie/page';
import { startIncidentPage } from './incident.content/incident-script';
import { INCIDENT_SCRIPT_OPTIONS } from './incident.content/script-options';

/** Opsgenie and Jira Service Management incident pages, with this site's adapter only. */
export default defineContentScript({
  ...INCIDENT_SCRIPT_OPTIONS,
  matches: opsgenie.matches,
  main(ctx) {
    startIncidentPage(ctx, { builtIn: opsgenie });
  },
});
