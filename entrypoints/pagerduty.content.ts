import { defineContentScript } from 'wxt/utils/define-content-script';
import { pagerDuty } from '@/lib/sites/pagerduty/page';
import { startIncidentPage } from './incident.content/incident-script';
import { INCIDENT_SCRIPT_OPTIONS } from './incident.content/script-options';

/** PagerDuty incident pages, with this site's adapter only. */
export default defineContentScript({
  ...INCIDENT_SCRIPT_OPTIONS,
  matches: pagerDuty.matches,
  main(ctx) {
    startIncidentPage(ctx, { builtIn: pagerDuty });
  },
});
