import { defineContentScript } from 'wxt/utils/define-content-script';
import { customSiteSources } from './custom-sites';
import { startIncidentPage } from './incident-script';
import { INCIDENT_SCRIPT_OPTIONS } from './script-options';

/**
 * The content script of the sites the user added (self-hosted Grafana, a Jira site on its own domain, any site read by
 * selectors): not in the manifest, registered at run time for the granted patterns
 * (lib/sites/custom/registration.background.ts). Each built-in site has its own script (`<site>.content.ts`).
 */
export default defineContentScript({
  ...INCIDENT_SCRIPT_OPTIONS,
  registration: 'runtime',
  matches: [],
  main(ctx) {
    startIncidentPage(ctx, { custom: customSiteSources });
  },
});
