import { defineContentScript } from 'wxt/utils/define-content-script';
import { pagerTree } from '@/lib/sites/pagertree/page';
import { startIncidentPage } from './incident.content/incident-script';
import { INCIDENT_SCRIPT_OPTIONS } from './incident.content/script-options';

/** PagerTree incident pages, with this site's adapter only. */
export default defineContentScript({
  ...INCIDENT_SCRIPT_OPTIONS,
  matches: pagerTree.matches,
  main(ctx) {
    startIncidentPage(ctx, { builtIn: pagerTree });
  },
});
