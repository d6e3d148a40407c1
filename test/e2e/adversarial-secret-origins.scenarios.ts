import { beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, poll, watchForNothing } from './browsers/driver.ts';
import { createActionThroughOptions } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, dialog, incidentUrl, openActionModal, type ScenarioContext } from './scenario-context.ts';

const TOKEN = 'sk-live-B0und-0r1g1n-7c1d';

/**
 * Design rule 10, a secret goes only to the origins it is bound to: an action edited (by a person, an import or a
 * subscription) to send a saved secret to another origin is refused at the preview and at Send, and that origin
 * gets nothing until the user adds it to the secret.
 */
export function adversarialSecretOriginScenarios(context: () => ScenarioContext) {
  describe('a secret goes only where it is bound', () => {
    let browser: ExtensionBrowser;
    let receiver: Receiver;
    let elsewhere: Receiver;
    beforeEach(() => {
      ({ browser, receiver, elsewhere } = context());
    });

    it('sends a secret to its bound origin, and refuses the same action once its URL points elsewhere', async () => {
      const label = 'Send bound token';
      const path = '/hooks/bound-secret';
      await browser.openOptionsPage();
      await browser.fill('[aria-label="Secret name"]', 'bound_token');
      await browser.fill('[aria-label="Secret value"]', TOKEN);
      await browser.fill('[aria-label="Allowed origins"]', receiver.origin);
      await browser.clickAccessible(button('Save secret'));
      await poll('the secret listed with its origin', async () =>
        (await browser.textOf('main')).includes(`goes to ${receiver.origin}`) ? true : undefined,
      );
      await createActionThroughOptions(browser, {
        label,
        url: `${receiver.origin}${path}`,
        headers: [{ name: 'X-Token', value: '{{ secrets.bound_token }}' }],
      });

      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await openActionModal(browser, label);
      await browser.clickAccessible(button('Send'));
      const sent = await receiver.waitFor(path);
      expect(sent.headers['x-token']).toBe(TOKEN);
      await browser.waitForAccessible(button('Close'));
      await browser.clickAccessible(button('Close'));

      // The action now sends to another origin: the editor says so, and the secret stays bound where it was.
      await browser.openOptionsPage();
      await browser.clickAccessible(button(`Edit ${label}`));
      await browser.fill('#action-url', `${elsewhere.origin}${path}`);
      await poll('the warning under the URL', async () =>
        (await browser.textOf('main')).includes(`this action sends to ${elsewhere.origin}`) ? true : undefined,
      );
      expect(await browser.isAccessible(button(`Allow ${elsewhere.origin} for bound_token`))).toBe(true);
      await browser.clickAccessible(button('Save action'));
      await browser.waitForAccessible(button(`Edit ${label}`));
      expect(await browser.textOf('main')).toContain(`goes to ${receiver.origin}`);

      const refused = `The secret bound_token may be sent only to ${receiver.origin}; this action sends to ${elsewhere.origin}: add the origin to the secret under Secrets`;
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await browser.waitForAccessible(button(label));
      await browser.clickAccessible(button(label));
      await browser.waitForAccessible(dialog(label));
      // Whichever comes first: the refusal, or a request shown with Send armed (the landed code), which a person sends.
      const answer = await poll('the modal to refuse or offer Send', async () => {
        if ((await browser.textOfAccessible(dialog(label))).includes(refused)) return 'refused';
        return (await browser.isAccessible(button('Send'))) ? 'offered' : undefined;
      });
      if (answer === 'offered') {
        await browser.waitForAccessible(button('Send'), { enabled: true });
        await browser.clickAccessible(button('Send'));
      }
      await watchForNothing();
      expect(elsewhere.received.map((request) => request.path)).toEqual([]);
      expect(answer).toBe('refused');
      expect(receiver.to(path)).toHaveLength(1);
    });
  });
}
