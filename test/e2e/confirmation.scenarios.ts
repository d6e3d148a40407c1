import { beforeEach, describe, expect, it } from 'vitest';
import { MASK } from '../../lib/render/mask.ts';
import { FIXTURE_INCIDENTS, type FixtureIncidentId } from '../support/pagerduty-app/incidents.ts';
import { type ExtensionBrowser, watchForNothing } from './browsers/driver.ts';
import { createActionThroughOptions, type NewAction } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, dialog, incidentUrl, openActionModal, type ScenarioContext } from './scenario-context.ts';

/**
 * The foundation's loop, as a responder walks it: open an incident (served at its real URL from a fixture),
 * click the action's button, read the modal, confirm, and check what the receiver got. Only a person's
 * confirmation sends: not the keyboard's first focus, not page script, not a click through content drawn
 * over the modal, and never to an origin the extension was not granted.
 */
export function confirmationScenarios(context: () => ScenarioContext) {
  describe('the confirmation', () => {
    let browser: ExtensionBrowser;
    let receiver: Receiver;
    beforeEach(() => {
      ({ browser, receiver } = context());
    });
    const openModal = (label: string) => openActionModal(browser, label);
    const createAction = (action: NewAction) => createActionThroughOptions(browser, action);

    it('sends the rendered request after a person confirms it, and logs the result', async () => {
      const path = '/hooks/restart';
      await createAction({
        label: 'Restart server',
        url: `${receiver.origin}${path}?incident={{incident.id}}`,
        headers: [
          { name: 'X-Team', value: 'sre' },
          { name: 'Authorization', value: 'Bearer s3cret-token', secret: true },
        ],
      });
      const id: FixtureIncidentId = 'Q1DBFULL7X2M';
      await browser.goto(incidentUrl(id));
      await openModal('Restart server');

      const shown = await browser.textOfAccessible(dialog('Restart server'));
      expect(shown).toContain(`POST ${receiver.origin}${path}?incident=${id}`);
      expect(shown).toContain(`"title": "${FIXTURE_INCIDENTS[id].title}"`);
      expect(shown).toContain(MASK);
      expect(shown).not.toContain('s3cret-token');

      await browser.clickAccessible(button('Send'));
      const request = await receiver.waitFor(path);
      expect(request.method).toBe('POST');
      expect(request.path).toBe(`${path}?incident=${id}`);
      expect(JSON.parse(request.body)).toStrictEqual({ incident_id: id, title: FIXTURE_INCIDENTS[id].title });
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers.authorization).toBe('Bearer s3cret-token');
      expect(request.headers['x-team']).toBe('sre');
      expect(request.headers.cookie).toBeUndefined();

      await browser.waitForAccessible(button('Close'));
      expect(await browser.textOfAccessible(dialog('Restart server'))).toMatch(/Delivered · HTTP 200 · \d+ ms/);
      expect(await browser.textOfAccessible(dialog('Restart server'))).toContain('"job":"job-');
      await browser.clickAccessible(button('Close'));
      await browser.waitForAccessible(dialog('Restart server'), { gone: true });

      await browser.openOptionsPage();
      await browser.waitForSelector('.history-list .history-row');
      const log = await browser.textOf('.history-list');
      expect(log).toContain('Restart server');
      expect(log).toContain(id);
      expect(log).toMatch(/Delivered · HTTP 200/);
      expect(receiver.to(path)).toHaveLength(1);
    });

    it('keeps the keyboard in the modal: Enter on the first focus cancels, Esc cancels, neither sends', async () => {
      const path = '/hooks/keyboard';
      await createAction({ label: 'Collect diagnostics', url: `${receiver.origin}${path}` });
      await browser.goto(incidentUrl('Q2CPUHOT9K4L'));

      await openModal('Collect diagnostics');
      expect(await browser.focusedAccessibleName()).toBe('Cancel');
      await browser.press('Tab');
      expect(await browser.focusedAccessibleName()).toBe('Send');
      await browser.press('Escape');
      await browser.waitForAccessible(dialog('Collect diagnostics'), { gone: true });

      await openModal('Collect diagnostics');
      await browser.press('Enter');
      await watchForNothing();
      expect(receiver.to(path)).toHaveLength(0);
      // Chromium activates the focused Cancel, which closes the modal; headless Firefox over BiDi delivers Enter
      // without activating any focused button (see browsers/firefox.ts), so there it is still open.
      if (browser.name === 'firefox') await browser.clickAccessible(button('Cancel'));
      await browser.waitForAccessible(dialog('Collect diagnostics'), { gone: true });

      await openModal('Collect diagnostics');
      // Tabbing on never reaches the page behind the modal: the page sees focus on our host element, or on
      // nothing (the browser's own UI), never on one of its controls.
      for (let i = 0; i < 4; i++) {
        await browser.press('Tab');
        expect(await browser.evaluate(() => document.activeElement?.tagName ?? 'BODY')).toMatch(/^(BODY|IA-[A-Z]+)$/);
      }
      await browser.clickAccessible(button('Cancel'));
      await browser.waitForAccessible(dialog('Collect diagnostics'), { gone: true });
      await watchForNothing();
      expect(receiver.to(path)).toHaveLength(0);
    });

    it('ignores clicks made by page script on the action button and on Send', async () => {
      const path = '/hooks/synthetic';
      await createAction({ label: 'Revert deploy', url: `${receiver.origin}${path}` });
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await browser.waitForAccessible(button('Revert deploy'));

      await browser.scriptClickAccessible(button('Revert deploy'), 'click');
      await browser.scriptClickAccessible(button('Revert deploy'), 'dispatchEvent');
      await watchForNothing();
      expect(await browser.isAccessible(dialog('Revert deploy'))).toBe(false);

      await openModal('Revert deploy');
      await browser.scriptClickAccessible(button('Send'), 'click');
      await browser.scriptClickAccessible(button('Send'), 'dispatchEvent');
      await watchForNothing();
      expect(receiver.to(path)).toHaveLength(0);
      expect(await browser.isAccessible(button('Send'))).toBe(true);

      await browser.clickAccessible(button('Send'));
      await receiver.waitFor(path);
      await browser.waitForAccessible(button('Close'));
      expect(receiver.to(path)).toHaveLength(1);
      await browser.clickAccessible(button('Close'));
    });

    it('does not send while page content is drawn over the modal', async () => {
      const path = '/hooks/overlay';
      await createAction({ label: 'Failover', url: `${receiver.origin}${path}` });
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await openModal('Failover');

      // Clickjacking: page script puts its own top-layer content over ours, transparent to clicks.
      await browser.evaluate(() => {
        const overlay = document.createElement('div');
        overlay.id = 'overlay';
        overlay.popover = 'manual';
        overlay.textContent = 'Claim your prize: press the green button';
        overlay.style.cssText =
          'inset:0;width:100vw;height:100vh;margin:0;border:0;background:rgb(255 255 255 / 0.9);pointer-events:none;font-size:40px';
        document.body.append(overlay);
        overlay.showPopover();
      });
      await browser.clickAccessible(button('Send'));
      await watchForNothing();
      expect(receiver.to(path)).toHaveLength(0);

      await browser.evaluate(() => (document.getElementById('overlay') as HTMLElement).hidePopover());
      await browser.waitForAccessible(button('Send'), { enabled: true });
      await browser.clickAccessible(button('Send'));
      await receiver.waitFor(path);
      await browser.waitForAccessible(button('Close'));
      await browser.clickAccessible(button('Close'));
    });

    it('refuses an endpoint whose origin was not granted, before any request', async () => {
      // The e2e build grants 127.0.0.1 only; localhost reaches the same receiver but is not granted.
      const path = '/hooks/not-granted';
      const url = `${receiver.origin.replace('127.0.0.1', 'localhost')}${path}`;
      await createAction({ label: 'Ungranted', url });
      expect(await browser.textOf('.action-list')).toContain(`Not allowed to call ${new URL(url).origin}`);
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await openModal('Ungranted');
      await browser.clickAccessible(button('Send'));
      await browser.waitForAccessible(button('Close'));
      const shown = await browser.textOfAccessible(dialog('Ungranted'));
      expect(shown).toContain('Not sent');
      expect(shown).toContain(`Not allowed to call ${new URL(url).origin}`);
      await watchForNothing();
      expect(receiver.to(path)).toHaveLength(0);
      await browser.clickAccessible(button('Close'));
    });
  });
}
