import { beforeEach, describe, expect, it } from 'vitest';
import { shownTitle } from '../support/pagerduty-app/incidents.ts';
import { type ExtensionBrowser, poll } from './browsers/driver.ts';
import { createActionThroughOptions, type NewAction } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, dialog, incidentUrl, openActionModal, type ScenarioContext } from './scenario-context.ts';

/**
 * Where the buttons sit on the incident page and how they follow it: docked in the app's actions row or
 * floating, through the app's in-page navigation, and live when an action changes in another tab.
 */
export function dockingAndNavigationScenarios(context: () => ScenarioContext) {
  describe('docking and navigation', () => {
    let browser: ExtensionBrowser;
    let receiver: Receiver;
    beforeEach(() => {
      ({ browser, receiver } = context());
    });
    const openModal = (label: string) => openActionModal(browser, label);
    const createAction = (action: NewAction) => createActionThroughOptions(browser, action);

    it('docks in the incident actions row, floats where the layout is unknown, and the options page says so', async () => {
      await createAction({ label: 'Dock me', url: `${receiver.origin}/hooks/dock` });
      const dockedHostTag = () =>
        browser.evaluate(() => document.getElementById('actionsButtonsRow')?.lastElementChild?.tagName ?? '');
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await browser.waitForAccessible(button('Dock me'));
      expect(await dockedHostTag()).toMatch(/^IA-[A-Z]+$/);
      // Docking does not make the row taller, so nothing below it moves: its height with our host and without.
      const rowHeights = await browser.evaluate(() => {
        const row = document.getElementById('actionsButtonsRow') as HTMLElement;
        const host = row.lastElementChild as HTMLElement;
        const withHost = row.getBoundingClientRect().height;
        host.style.display = 'none';
        const withoutHost = row.getBoundingClientRect().height;
        host.style.display = '';
        return { withHost, withoutHost };
      });
      expect(rowHeights.withHost).toBe(rowHeights.withoutHost);

      // The app re-renders its header for the next incident, dropping our buttons: they come back docked.
      await browser.click('a[href="/incidents/Q2CPUHOT9K4L"]');
      await poll('buttons docked in the new actions row', async () =>
        /^IA-/.test(await dockedHostTag()) ? true : undefined,
      );
      await browser.waitForAccessible(button('Dock me'));

      await browser.openOptionsPage();
      await poll('docked report', async () =>
        (await browser.textOf('.sites')).includes('Buttons docked in the incident header') ? true : undefined,
      );

      // An incident page without a recognisable actions row: the floating bar, which collapses.
      await browser.goto(incidentUrl('Q3HOSTILE0ZZ'));
      await browser.waitForAccessible(button('Dock me'));
      expect(await browser.evaluate(() => document.body.lastElementChild?.tagName ?? '')).toMatch(/^IA-[A-Z]+$/);
      await browser.clickAccessible(button('Hide incident actions'));
      await browser.waitForAccessible(button('Dock me'), { gone: true });
      await browser.clickAccessible(button('Show incident actions'));
      await browser.waitForAccessible(button('Dock me'));

      await browser.openOptionsPage();
      await poll('not-found report', async () =>
        (await browser.textOf('.sites')).includes('The incident header was not found') ? true : undefined,
      );
    });

    it('follows in-page navigation from one incident to another, and off incidents', async () => {
      const path = '/hooks/navigation';
      await createAction({ label: 'Page the DBA', url: `${receiver.origin}${path}/{{incident.id}}` });
      await browser.goto(incidentUrl('Q1DBFULL7X2M', 'acme.eu.pagerduty.com'));
      await browser.waitForAccessible(button('Page the DBA'));

      await browser.click('a[href="/incidents/Q2CPUHOT9K4L"]');
      await openModal('Page the DBA');
      expect(await browser.textOfAccessible(dialog('Page the DBA'))).toContain(shownTitle('Q2CPUHOT9K4L'));
      await browser.clickAccessible(button('Send'));
      const request = await receiver.waitFor(path);
      expect(request.path).toBe(`${path}/Q2CPUHOT9K4L`);
      expect(JSON.parse(request.body)).toStrictEqual({
        incident_id: 'Q2CPUHOT9K4L',
        title: shownTitle('Q2CPUHOT9K4L'),
      });
      await browser.clickAccessible(button('Close'));

      await browser.click('a[href="/incidents"]');
      await browser.waitForAccessible(button('Page the DBA'), { gone: true });
    });

    it('updates an incident open in another tab, live, when an action changes in the options page', async () => {
      const incidentTab = await browser.newTab();
      await incidentTab.goto(incidentUrl('Q2CPUHOT9K4L'));
      await browser.bringToFront();
      await createAction({ label: 'Appears live', url: `${receiver.origin}/hooks/live` });
      await incidentTab.waitForAccessible(button('Appears live'));
      await browser.click('[aria-label="Enabled: Appears live"]');
      await incidentTab.waitForAccessible(button('Appears live'), { gone: true });
      await incidentTab.close();
      await browser.bringToFront();
    });
  });
}
