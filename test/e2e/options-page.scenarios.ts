import { beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, poll } from './browsers/driver.ts';
import { createActionThroughOptions, type NewAction } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, incidentUrl, type ScenarioContext } from './scenario-context.ts';

/**
 * Actions as an admin keeps them in the options page: a form that refuses what cannot work, and edits,
 * disables and deletes that the incident page follows.
 */
export function optionsPageScenarios(context: () => ScenarioContext) {
  describe('the options page', () => {
    let browser: ExtensionBrowser;
    let receiver: Receiver;
    beforeEach(() => {
      ({ browser, receiver } = context());
    });
    const createAction = (action: NewAction) => createActionThroughOptions(browser, action);

    it('shows validation errors at the field and saves nothing', async () => {
      await browser.openOptionsPage();
      await browser.clickAccessible(button('New action'));
      await browser.fill('#action-label', 'Broken');
      await browser.fill('#action-url', 'ftp://files.example.com/{{incident.id}}');
      await browser.fill('#action-body', '{"incident": "{{incident.nope}}",');
      await browser.clickAccessible(button('Save action'));
      await browser.waitForSelector('#action-url[aria-invalid="true"]');
      expect(await browser.textOf('.editor')).toContain('Only http and https URLs can be called');
      expect(await browser.textOf('.editor')).toContain('Not valid JSON');
      await browser.clickAccessible(button('Cancel'));
      expect(await browser.textOf('main')).not.toContain('Broken');
    });

    it('edits, disables and deletes an action, and the incident page follows', async () => {
      const path = '/hooks/lifecycle';
      // A second, untouched action shows the content script has run when the first one is absent.
      await createAction({ label: 'Stays enabled', url: `${receiver.origin}${path}/other` });
      await createAction({ label: 'Notify status page', url: `${receiver.origin}${path}` });
      await browser.clickAccessible(button('Edit Notify status page'));
      await browser.fill('#action-label', 'Update status page');
      await browser.clickAccessible(button('Save action'));
      await browser.waitForAccessible(button('Edit Update status page'));

      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await browser.waitForAccessible(button('Update status page'));
      expect(await browser.isAccessible(button('Notify status page'))).toBe(false);

      await browser.openOptionsPage();
      await browser.click('[aria-label="Enabled: Update status page"]');
      // Saved and listed as disabled before the page is left: leaving mid-save would abort the write.
      await browser.waitForSelector('.action-list li.disabled');
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await browser.waitForAccessible(button('Stays enabled'));
      expect(await browser.isAccessible(button('Update status page'))).toBe(false);

      await browser.openOptionsPage();
      await browser.clickAccessible(button('Delete Update status page'));
      await browser.clickAccessible(button('Keep'));
      await browser.clickAccessible(button('Delete Update status page'));
      await browser.clickAccessible(button('Yes, delete'));
      // Not "Edit … gone": the confirmation hides Edit before the delete is done.
      await poll('the deletion notice', async () =>
        (await browser.textOf('main')).includes('Deleted “Update status page”') ? true : undefined,
      );
      expect(await browser.textOf('.action-list')).not.toContain('Update status page');
    });
  });
}
