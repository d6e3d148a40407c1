import { beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, poll, watchForNothing } from './browsers/driver.ts';
import { createActionThroughOptions } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, dialog, incidentUrl, openActionModal, type ScenarioContext } from './scenario-context.ts';

const ACTION_CHANGED = 'The action changed while this dialog was open: check the request again';

/**
 * Design rule 10 against an edit made while the modal is open: the request a responder confirmed is the one sent,
 * or nothing is, and the modal shows what changed before Send can go again.
 */
export function adversarialShownScenarios(context: () => ScenarioContext) {
  describe('what is sent is what was shown', () => {
    let browser: ExtensionBrowser;
    let receiver: Receiver;
    beforeEach(() => {
      ({ browser, receiver } = context());
    });

    it('refuses a Send after the action was edited in another tab, shows the new request, then sends that', async () => {
      const label = 'Shown is sent';
      const before = '/hooks/shown-before';
      const after = '/hooks/shown-after';
      await createActionThroughOptions(browser, {
        label,
        url: `${receiver.origin}${before}/{{incident.id}}`,
        body: '{"version": "as shown"}',
      });
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await openActionModal(browser, label);
      expect(await browser.textOfAccessible(dialog(label))).toContain(before);

      // Someone (or a subscription) edits the action while the modal is open.
      const optionsTab = await browser.newTab();
      await optionsTab.openOptionsPage();
      await optionsTab.clickAccessible(button(`Edit ${label}`));
      await optionsTab.fill('#action-url', `${receiver.origin}${after}/{{incident.id}}`);
      await optionsTab.fill('#action-body', '{"version": "edited"}');
      await optionsTab.clickAccessible(button('Save action'));
      await optionsTab.waitForAccessible(button(`Edit ${label}`));
      await optionsTab.close();

      await browser.bringToFront();
      await browser.waitForAccessible(button('Send'), { enabled: true });
      await browser.clickAccessible(button('Send'));
      // Whichever comes first: the modal's refusal, or a request at either URL (the landed code sent the edit).
      await poll('the modal to answer the Send', async () =>
        receiver.to('/hooks/shown-').length > 0 ||
        (await browser.textOfAccessible(dialog(label))).includes(ACTION_CHANGED)
          ? true
          : undefined,
      );
      await watchForNothing();
      expect(receiver.to(after).map((request) => request.path)).toEqual([]);
      expect(receiver.to(before)).toEqual([]);
      expect(await browser.textOfAccessible(dialog(label))).toContain(ACTION_CHANGED);
      // The new request is shown, and Send arms again for it.
      await poll('the edited request in the modal', async () =>
        (await browser.textOfAccessible(dialog(label))).includes(after) ? true : undefined,
      );
      expect(await browser.textOfAccessible(dialog(label))).toContain('edited');

      await browser.waitForAccessible(button('Send'), { enabled: true });
      await browser.clickAccessible(button('Send'));
      const sent = await receiver.waitFor(after);
      expect(JSON.parse(sent.body)).toEqual({ version: 'edited' });
      expect(receiver.to(before)).toEqual([]);
      await browser.waitForAccessible(button('Close'));
      await browser.clickAccessible(button('Close'));
    });
  });
}
