import { beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, type Point, watchForNothing } from './browsers/driver.ts';
import { createActionThroughOptions } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, dialog, incidentUrl, openActionModal, type ScenarioContext } from './scenario-context.ts';

/**
 * Clickjacking the confirmation: a page that draws over Send where the extension cannot see it (a popover in
 * the page's own shadow root, which Firefox's lack of IntersectionObserver v2 left unchecked), and a page that
 * makes a person click fast at the spot where Send then appears under a pointer that never moved onto it.
 */
export function adversarialConfirmScenarios(context: () => ScenarioContext) {
  describe('a confirmation the page cannot cover', () => {
    let browser: ExtensionBrowser;
    let receiver: Receiver;
    beforeEach(() => {
      ({ browser, receiver } = context());
    });

    /** A point on the page well away from the modal's buttons. */
    const aside = (point: Point): Point => ({ x: Math.max(5, point.x - 200), y: Math.max(5, point.y - 150) });

    it('keeps Send off while a popover in a page shadow root covers it, and sends once it is gone', async () => {
      const path = '/hooks/shadow-popover';
      await createActionThroughOptions(browser, { label: 'Shadow cover', url: `${receiver.origin}${path}` });
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await openActionModal(browser, 'Shadow cover');
      const send = await browser.pointOfAccessible(button('Send'));

      // Transparent to clicks, so a click at Send's point reaches Send through it.
      await browser.evaluate(() => {
        const host = document.createElement('div');
        host.id = 'shadow-host';
        document.body.append(host);
        const overlay = document.createElement('div');
        overlay.popover = 'manual';
        overlay.textContent = 'You won! Press the blue button';
        overlay.style.cssText =
          'inset:0;width:100vw;height:100vh;margin:0;border:0;background:rgb(255 255 255 / 0.9);pointer-events:none;font-size:40px';
        host.attachShadow({ mode: 'open' }).append(overlay);
        overlay.showPopover();
      });
      await browser.mouseMoveTo(aside(send));
      await browser.mouseMoveTo(send);
      await browser.mouseDownUp();
      await watchForNothing(3_000);
      expect(receiver.to(path)).toHaveLength(0);
      await browser.waitForAccessible(button('Send'), { disabled: true });

      await browser.evaluate(() => {
        const root = (document.getElementById('shadow-host') as HTMLElement).shadowRoot as ShadowRoot;
        (root.querySelector('[popover]') as HTMLElement).hidePopover();
      });
      await browser.waitForAccessible(button('Send'), { enabled: true });
      // A person moves the pointer onto Send again: it has not moved since the refused click.
      await browser.mouseMoveTo(aside(send));
      await browser.clickAccessible(button('Send'));
      await receiver.waitFor(path);
      await browser.waitForAccessible(button('Close'));
      expect(receiver.to(path)).toHaveLength(1);
      await browser.clickAccessible(button('Close'));
    });

    it('ignores a click on Send by a pointer that did not move onto it, and sends once it does', async () => {
      const path = '/hooks/lure';
      await createActionThroughOptions(browser, { label: 'Lured', url: `${receiver.origin}${path}` });
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await openActionModal(browser, 'Lured');
      const send = await browser.pointOfAccessible(button('Send'));

      // The lure: a "click here, fast" game drawn over Send (inert under our modal, so only drawn), which the
      // person's pointer is moved onto and which vanishes, leaving Send under a pointer that has not moved since.
      await browser.evaluateWith((at) => {
        const game = document.createElement('div');
        game.id = 'game';
        game.popover = 'manual';
        game.textContent = 'Click here, fast!';
        game.style.cssText = `position:fixed;inset:auto;left:${at.x - 60}px;top:${at.y - 20}px;width:120px;height:40px;margin:0;background:gold`;
        document.body.append(game);
        game.showPopover();
      }, send);
      await browser.waitForAccessible(button('Send'), { disabled: true });
      await browser.mouseMoveTo(aside(send));
      await browser.mouseMoveTo(send);
      await browser.evaluate(() => (document.getElementById('game') as HTMLElement).hidePopover());
      await browser.waitForAccessible(button('Send'), { enabled: true });
      await browser.mouseDownUp();
      await watchForNothing(3_000);
      expect(receiver.to(path)).toHaveLength(0);
      expect(await browser.textOfAccessible(dialog('Lured'))).toContain('Move the pointer onto Send, or use Tab');

      await browser.mouseMoveTo(aside(send));
      await browser.mouseMoveTo(send);
      await browser.mouseDownUp();
      await receiver.waitFor(path);
      await browser.waitForAccessible(button('Close'));
      expect(receiver.to(path)).toHaveLength(1);
      await browser.clickAccessible(button('Close'));
    });
  });
}
