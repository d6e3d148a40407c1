import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryDocument } from '../../lib/history/export.ts';
import { MASK } from '../../lib/render/mask.ts';
import { type ExtensionBrowser, poll } from './browsers/driver.ts';
import { createActionThroughOptions } from './options-page.ts';
import { type Receiver, startReceiver } from './receiver.ts';
import { button, dialog, incidentUrl, openActionModal, type ScenarioContext } from './scenario-context.ts';

const SECRET = 'sk-live-Adv3rsar1al-9f2eQ';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
/** Every form the secret could leak in here: as saved, through the filters the action uses, and echoed. */
const LEAKS = [SECRET, base64(SECRET), SECRET.toUpperCase(), SECRET.toLowerCase()];

const leaksIn = (text: string) => LEAKS.filter((form) => text.includes(form));

/**
 * A secret passed through Liquid filters (design rule 10: a secret is masked by where it came from): the
 * modal, the history and its export show none of its forms, while the receiver gets the real values; a
 * receiver that echoes the header back is logged masked.
 */
export function adversarialSecretScenarios(context: () => ScenarioContext) {
  describe('secrets through filters', () => {
    let echo: Receiver;
    beforeAll(async () => {
      // Answers with the signature header it was sent, as a careless receiver's error page would.
      echo = await startReceiver({
        answer: (request) => ({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ received: request.headers['x-sig'] ?? null }),
          headers: { 'x-echo': String(request.headers['x-sig'] ?? '') },
        }),
      });
    });
    afterAll(() => echo?.close());

    async function saveSecret(browser: ExtensionBrowser, name: string, value: string) {
      await browser.openOptionsPage();
      await browser.fill('[aria-label="Secret name"]', name);
      await browser.fill('[aria-label="Secret value"]', value);
      await browser.clickAccessible(button('Save secret'));
      await poll(`secret ${name} listed`, async () =>
        (await browser.textOf('main')).includes(`the secret “${name}”`) ? true : undefined,
      );
    }

    it('masks a filtered secret in the modal, the history and its export, and an answer that echoes it', async () => {
      const { browser } = context();
      const label = 'Sign with filtered key';
      const path = '/hooks/filtered-secret';
      await saveSecret(browser, 'api_key', SECRET);
      await createActionThroughOptions(browser, {
        label,
        url: `${echo.origin}${path}`,
        headers: [{ name: 'X-Sig', value: '{{ secrets.api_key | base64_encode }}' }],
        body: '{"note": "key {{ secrets.api_key | upcase }} for {{ incident.id }}"}',
      });

      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await openActionModal(browser, label);
      const shown = await browser.textOfAccessible(dialog(label));
      expect(shown).toContain('X-Sig');
      expect(shown).toContain('Q1DBFULL7X2M');
      expect.soft(leaksIn(shown), 'the modal').toEqual([]);
      expect.soft(shown).toContain(MASK);

      await browser.clickAccessible(button('Send'));
      await browser.waitForAccessible(button('Close'));
      const outcome = await browser.textOfAccessible(dialog(label));
      expect(outcome).toMatch(/Delivered · HTTP 200/);
      expect.soft(leaksIn(outcome), "the modal's answer").toEqual([]);
      await browser.clickAccessible(button('Close'));

      // The receiver got the real values.
      const request = await echo.waitFor(path);
      expect(request.headers['x-sig']).toBe(base64(SECRET));
      expect(JSON.parse(request.body)).toEqual({ note: `key ${SECRET.toUpperCase()} for Q1DBFULL7X2M` });

      await browser.openOptionsPage();
      await browser.waitForSelector('.history-list .history-row');
      await browser.fill('.history-search', label);
      // The search reads the log in steps (the list shows the runs before it until then): the row clicked below
      // is the first, so it is that one that must be the run.
      await poll('the run in the history', async () =>
        (await browser.textOf('.history-list li:first-child')).includes(label) ? true : undefined,
      );
      await browser.click('.history-list li:first-child button');
      await browser.waitForSelector('.run-details');
      await poll('the answer in the details', async () =>
        (await browser.textOf('.run-details')).includes('received') ? true : undefined,
      );
      const details = await browser.textOf('.run-details');
      expect.soft(leaksIn(details), 'the run details').toEqual([]);

      const json = await browser.download(() => browser.clickAccessible(button('Export JSON')));
      const exported = JSON.parse(json.text) as HistoryDocument;
      const run = exported.runs.find((entry) => entry.actionLabel === label);
      expect.soft(run?.request?.headers).toContainEqual(['X-Sig', MASK]);
      expect.soft(run?.attempts.at(-1)?.responseExcerpt).toBe(JSON.stringify({ received: MASK }));
      expect.soft(leaksIn(json.text), 'the JSON export').toEqual([]);
    });
  });
}
