import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browsers/chromium.ts';
import { poll } from './browsers/driver.ts';
import { addAcmeSiteThroughOptions, createActionThroughOptions } from './options-page.ts';
import { startReceiver } from './receiver.ts';

/**
 * A site the user added keeps working after the browser restarts (the registration persists across
 * sessions, and the background registers the user's sites again on start). Chromium only: Firefox test
 * runs install the extension as a temporary add-on, which a restart removes. The update path (onInstalled)
 * runs the same re-registration; it has no browser test, because Chromium cannot reload an extension
 * loaded from the command line (runtime.reload() leaves it disabled).
 */
describe('a custom site in Chromium', () => {
  const profileDir = mkdtempSync(join(tmpdir(), 'ia-restart-'));
  afterAll(() => rmSync(profileDir, { recursive: true, force: true }));

  it('keeps its buttons, docked, after a browser restart', async () => {
    const receiver = await startReceiver();
    const incident = 'https://oncall.internal.example/incidents/INC-42';
    const button = { role: 'button', name: 'Survives restarts' };
    let browser = await launchChromium({ profileDir });
    try {
      await createActionThroughOptions(browser, { label: button.name, url: `${receiver.origin}/hooks/restart` });
      await addAcmeSiteThroughOptions(browser);
      await poll('site registered', async () =>
        (await browser.textOf('main')).includes('Registered on: https://oncall.internal.example/*') ? true : undefined,
      );
      await browser.goto(incident);
      await browser.waitForAccessible(button);
      await browser.close();

      // Restart: the same profile, a new browser process.
      browser = await launchChromium({ profileDir });
      await browser.goto(incident);
      await browser.waitForAccessible(button);
      expect(await browser.evaluate(() => document.querySelector('.toolbar')?.lastElementChild?.tagName)).toMatch(
        /^IA-/,
      );
    } finally {
      await browser.close();
      await receiver.close();
    }
  });
});
