import { beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_INCIDENTS, type FixtureIncidentId, fullTitle } from '../support/pagerduty-app/incidents.ts';
import type { ExtensionBrowser } from './browsers/driver.ts';
import { createActionThroughOptions, type NewAction } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, incidentUrl, openActionModal, type ScenarioContext } from './scenario-context.ts';

/**
 * Incident text written to break things, carried as data: a hostile title, and a 1 MB one.
 */
export function hostileInputScenarios(context: () => ScenarioContext) {
  describe('hostile input', () => {
    let browser: ExtensionBrowser;
    let receiver: Receiver;
    beforeEach(() => {
      ({ browser, receiver } = context());
    });
    const openModal = (label: string) => openActionModal(browser, label);
    const createAction = (action: NewAction) => createActionThroughOptions(browser, action);

    it('carries a 1 MB title of hostile characters intact', async () => {
      const path = '/hooks/huge';
      await createAction({
        label: 'Archive title',
        url: `${receiver.origin}${path}`,
        body: '{"t": "{{ incident.title }}"}',
        // Over PagerDuty's 256 KB, which new actions refuse: this one raises its cap to the most allowed.
        fillMore: (b) => b.fill('#delivery-maxBodyKB', '10240'),
      });
      await browser.goto(incidentUrl('Q4HUGETITLE1'));
      // A megabyte travels page -> API -> background -> preview and back; the waits' ceilings (WAIT_MS) allow
      // for a loaded machine.
      await browser.waitForAccessible(button('Archive title'));
      await browser.clickAccessible(button('Archive title'));
      await browser.waitForAccessible(button('Send'), { enabled: true });
      await browser.clickAccessible(button('Send'));
      const request = await receiver.waitFor(path);
      const sent = JSON.parse(request.body).t as string;
      expect(sent.length).toBe(1_048_576);
      expect(sent).toBe(fullTitle('Q4HUGETITLE1'));
      await browser.waitForAccessible(button('Close'));
      await browser.clickAccessible(button('Close'));
    }, 300_000);

    it('carries a hostile incident title as data, never as structure', async () => {
      const path = '/hooks/hostile';
      await createAction({
        label: 'Open status page',
        url: `${receiver.origin}${path}?q={{incident.title}}`,
        body: '{"summary": "Incident: {{incident.title}}", "title": "{{incident.title}}"}',
      });
      const id: FixtureIncidentId = 'Q3HOSTILE0ZZ';
      await browser.goto(incidentUrl(id));
      await openModal('Open status page');
      await browser.clickAccessible(button('Send'));
      const request = await receiver.waitFor(path);
      // As PagerDuty's API has it (the page collapses its whitespace): newlines and all, still only data.
      const title = FIXTURE_INCIDENTS[id].title;
      expect(JSON.parse(request.body)).toStrictEqual({ summary: `Incident: ${title}`, title });
      expect(new URL(request.path, receiver.origin).searchParams.get('q')).toBe(title);
      await browser.clickAccessible(button('Close'));
    });
  });
}
