import { h, render } from 'preact';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { IncidentDialogs } from '@/components/incident/IncidentDialogs';
import css from '@/components/incident/incident-actions.css?inline';
import { INCIDENT_UI_KEY, type IncidentUi } from '../incident.content/incident-ui';
import { incidentValues } from '../incident.content/incident-values';

/**
 * The confirmation modal, the runs timeline and Fix this page, with their own Preact and CSS, and the vendor API's
 * mapping: imported by the content script when the bar is first hovered, focused or clicked (incident-ui.ts). It runs
 * in the content script's isolated world (no page script sees it) and hands its UI over on that world's global.
 */
export default defineUnlistedScript(() => {
  const styled = new WeakSet<Node>();
  const ui: IncidentUi = {
    render(container, props) {
      const root = container.getRootNode();
      if (!styled.has(root)) {
        styled.add(root);
        const style = document.createElement('style');
        style.textContent = css;
        container.before(style);
      }
      render(props ? h(IncidentDialogs, props) : null, container);
    },
    incidentValues,
  };
  Object.defineProperty(globalThis, INCIDENT_UI_KEY, { value: ui, configurable: true });
});
