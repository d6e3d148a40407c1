import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { savedPage } from '../support/serve.ts';
import { type ExtensionBrowser, poll } from './browsers/driver.ts';
import { createActionThroughOptions } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, type ScenarioContext } from './scenario-context.ts';

const LABEL = 'Page the payments owner';
const PATH = '/hooks/site-fix';
/** An incident.io page in markup the adapter does not know: the buttons float and the title is not read. */
const PAGE = savedPage('incident-io/unknown-markup');
const TITLE = 'Payments API timeouts';
const ROW = '[class*="IncidentPage_buttons__"]';
/** The options page's Sites screen. */
const SITES = 'section[aria-labelledby="sites-heading"]';

/** Where our shadow host sits: in the body (floating) or in the vendor's buttons row (docked by the fix). */
const hostPlace = (browser: ExtensionBrowser) =>
  browser.evaluate(() => {
    const host = [...document.querySelectorAll('*')].find((element) => /^IA-[A-Z]+$/.test(element.tagName));
    const parent = host?.parentElement;
    return parent === document.body ? 'body' : (parent?.className ?? 'nowhere');
  });

async function sendAndRead(browser: ExtensionBrowser, receiver: Receiver, count: number) {
  await browser.waitForAccessible(button(LABEL));
  await browser.clickAccessible(button(LABEL));
  await browser.waitForAccessible(button('Send'), { enabled: true });
  await browser.clickAccessible(button('Send'));
  const request = await receiver.waitFor(PATH, count);
  await browser.waitForAccessible(button('Close'));
  await browser.clickAccessible(button('Close'));
  return JSON.parse(request.body) as { id: string; title: string };
}

/**
 * A responder repairs a page the adapter no longer recognises, from the page itself, with real mouse clicks: the
 * buttons move into the vendor's row, the title is read from the element they pointed at, and the fix travels in
 * the exported config to a fresh profile, where it works at once. A page report of the same page has its structure
 * and none of its text.
 */
export function siteFixScenarios(context: () => ScenarioContext, freshBrowser: () => void) {
  let exported = '';

  describe('fixing a page on the page', () => {
    it('picks the dock and the title with the mouse; the picked title reaches the receiver', async () => {
      const { browser, receiver } = context();
      await createActionThroughOptions(browser, {
        label: LABEL,
        url: `${receiver.origin}${PATH}/{{ incident.id }}`,
        body: '{"id": "{{ incident.id }}", "title": "{{ incident.title }}"}',
      });
      await browser.goto(PAGE.url);
      await browser.waitForAccessible(button(LABEL));
      expect(await hostPlace(browser)).toBe('body');

      // The dock: a click on the row's "Resolve" (a control of the page) means "in this row".
      await browser.clickAccessible(button('Fix this page'));
      await browser.clickAccessible(button('Move the buttons…'));
      await browser.waitForAccessible(button('Choose'));
      await browser.click(`${ROW} > div:last-child`);
      await browser.waitForAccessible(button('Save'));
      expect(await browser.textOfAccessible({ role: 'dialog', name: 'Fix this page' })).toContain(
        'IncidentPage_buttons__',
      );
      await browser.clickAccessible(button('Save'));
      await poll('the buttons docked in the row', async () =>
        (await hostPlace(browser)).startsWith('IncidentPage_buttons__') ? true : undefined,
      );

      // The title: the element that shows it, its value shown before saving.
      await browser.clickAccessible(button('Fix this page'));
      await browser.clickAccessible(button('Pick it on the page…'));
      await browser.waitForAccessible(button('Choose'));
      await browser.click('[class*="IncidentPage_name__"]');
      await browser.waitForAccessible(button('Save'));
      expect(await browser.textOfAccessible({ role: 'dialog', name: 'Fix this page' })).toContain(
        `title will read: ${TITLE}`,
      );
      await browser.clickAccessible(button('Save'));
      await poll('the title saved', async () =>
        (await browser.textOfAccessible({ role: 'dialog', name: 'Fix this page' })).includes('Saved: title')
          ? true
          : undefined,
      );
      await browser.clickAccessible(button('Close'));

      expect(await sendAndRead(browser, receiver, 1)).toEqual({ id: PAGE.id, title: TITLE });
    });

    it('copies a page report with the structure and none of the text, kept for download in the options page', async () => {
      const { browser } = context();
      await browser.goto(PAGE.url);
      await browser.waitForAccessible(button('Fix this page'));
      await browser.clickAccessible(button('Fix this page'));
      await browser.clickAccessible(button('Copy page report'));
      await poll('the report made', async () =>
        /report of \d+ elements/.test(await browser.textOfAccessible({ role: 'dialog', name: 'Fix this page' }))
          ? true
          : undefined,
      );
      await browser.clickAccessible(button('Close'));

      await browser.openOptionsPage();
      // The options page says how the site was read: docked by the fix, the title from the fix.
      await poll('the incident.io reading', async () =>
        (await browser.textOf(SITES)).includes('Buttons docked where the site fix says') ? true : undefined,
      );
      expect(await browser.textOf(SITES)).toContain('title from [class*="IncidentPage_name__"]');
      const saved = await browser.download(() => browser.clickAccessible(button('Download page report')));
      const report = JSON.parse(saved.text) as { format: string; url: string; html: string };
      expect(report.format).toBe('incident-actions/page-report');
      expect(report.url).toBe(PAGE.url);
      expect(report.html).toContain('IncidentPage_buttons__e5');
      expect(report.html).toContain('IncidentPage_name__d4');
      for (const text of [TITLE, 'Resolve', 'Share update', 'Investigating', 'Sam Rivera', LABEL])
        expect(report.html).not.toContain(text);

      const config = await browser.download(() => browser.clickAccessible(button('Export all actions')));
      exported = config.text;
      expect(JSON.parse(exported).siteFixes).toEqual([
        expect.objectContaining({
          site: 'incident-io',
          dockSelector: expect.stringContaining('IncidentPage_buttons__'),
        }),
      ]);
    });
  });

  describe('a fix in a fresh profile', () => {
    freshBrowser();
    it('imported with the config, docks and reads the title at once', async () => {
      const { browser, receiver } = context();
      expect(exported).not.toBe('');
      await browser.openOptionsPage();
      const file = join(mkdtempSync(join(tmpdir(), 'ia-fix-')), 'team.json');
      // The exported file holds every action this browser made in earlier groups; this profile takes the one
      // that reads the fixed page, with the fix (its other actions need secrets and origins of their own).
      const config = JSON.parse(exported);
      writeFileSync(
        file,
        JSON.stringify({
          ...config,
          actions: config.actions.filter((action: { label: string }) => action.label === LABEL),
          sites: [],
          constants: [],
          secrets: [],
        }),
      );
      await browser.setInputFile('#import-file', file);
      await browser.waitForSelector('.import-preview');
      expect(await browser.textOf('.import-preview')).toContain('Site fixes');
      await browser.clickAccessible(button('Import'));
      await browser.waitForSelector('.import-done');
      expect(await browser.textOf('.import-done')).toContain('site fixes: 1 added');

      await browser.goto(PAGE.url);
      await browser.waitForAccessible(button(LABEL));
      await poll('the buttons docked in the row', async () =>
        (await hostPlace(browser)).startsWith('IncidentPage_buttons__') ? true : undefined,
      );
      const sent = await sendAndRead(browser, receiver, 2);
      expect(sent).toEqual({ id: PAGE.id, title: TITLE });
    });
  });
}
