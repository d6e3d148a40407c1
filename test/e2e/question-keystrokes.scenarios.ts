import { beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, poll, watchForNothing } from './browsers/driver.ts';
import { createActionThroughOptions } from './options-page.ts';
import type { Receiver } from './receiver.ts';
import { button, dialog, incidentUrl, type ScenarioContext } from './scenario-context.ts';

/** Typed into the question; letters that no other key of the test makes. */
const ANSWER = 'zq7XJ-0wv';
const LABEL = 'Ask a reason';

/**
 * A page that listens to every key typed anywhere (docs/security.md row 31): capture listeners on its window and
 * document for every keyboard, input and composition event, and forged messages to every frame it can reach.
 */
export function questionKeystrokeScenarios(context: () => ScenarioContext) {
  describe('keystrokes in a question the page cannot read', () => {
    let browser: ExtensionBrowser;
    let receiver: Receiver;
    beforeEach(() => {
      ({ browser, receiver } = context());
    });

    it('sends the typed answer while the page’s capture listeners record none of its keys', async () => {
      const path = '/hooks/question-keys';
      await createActionThroughOptions(browser, {
        label: LABEL,
        url: `${receiver.origin}${path}`,
        body: '{"reason": "{{ params.reason }}"}',
        fillMore: async (options) => {
          await options.clickAccessible(button('Add question'));
          await options.fill('[aria-label="Question 1 name"]', 'reason');
          await options.fill('[aria-label="Question 1 label"]', 'Reason');
        },
      });
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await browser.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seenByPage: string[] }).seenByPage = seen;
        const record = (event: Event) => {
          const { key, data } = event as KeyboardEvent & InputEvent;
          if (typeof key === 'string') seen.push(key);
          if (typeof data === 'string') seen.push(data);
        };
        for (const type of ['keydown', 'keypress', 'keyup', 'input', 'beforeinput', 'compositionend'])
          for (const target of [window, document]) target.addEventListener(type, record, true);
        // Every frame the page can reach is told an answer and offered a port, with and without a guessed token.
        const forge = () => {
          for (let index = 0; index < window.frames.length; index += 1) {
            const channel = new MessageChannel();
            channel.port1.onmessage = (event) => seen.push(`port:${JSON.stringify(event.data)}`);
            for (const token of [undefined, '', 'guess'])
              window.frames[index]?.postMessage({ token, type: 'state', answers: { reason: 'forged' } }, '*', [
                channel.port2,
              ]);
          }
        };
        (window as unknown as { forge: () => void }).forge = forge;
        setInterval(forge, 50);
      });
      // A figure, not a check: how much later than the modal the framed question can be typed in.
      const clicked = performance.now();
      await browser.clickAccessible(button(LABEL));
      await browser.waitForAccessible(dialog(LABEL));
      const toModal = performance.now() - clicked;
      await browser.waitForAccessible({ role: 'textbox', name: 'Reason' });
      const toQuestion = performance.now() - clicked;
      console.log(
        `question frame: click to modal ${Math.round(toModal)} ms, to its question ${Math.round(toQuestion)} ms`,
      );
      // A frame in a shadow root is not one of the page's `window.frames` (both browsers): the page cannot post to
      // it nor navigate it to a look-alike of its own. The token and the second-load check stand behind that.
      expect(await browser.evaluate(() => window.length)).toBe(0);
      await browser.clickAccessible({ role: 'textbox', name: 'Reason' });
      await browser.type(ANSWER);
      await poll('the preview with the typed answer', async () =>
        (await browser.textOfAccessible(dialog(LABEL))).includes(`"reason": "${ANSWER}"`) ? true : undefined,
      );
      await browser.waitForAccessible(button('Send'), { enabled: true });
      await browser.clickAccessible(button('Send'));
      const request = await receiver.waitFor(path);
      await browser.clickAccessible(button('Close'));

      expect(JSON.parse(request.body)).toStrictEqual({ reason: ANSWER });
      const seen = await browser.evaluate(() => (window as unknown as { seenByPage: string[] }).seenByPage);
      const leaked = seen.filter((entry) => [...ANSWER].some((character) => entry.includes(character)));
      expect(leaked).toEqual([]);
    });

    it('keeps the keyboard: Tab leaves the question for Cancel and Send, Esc in the question cancels', async () => {
      const path = '/hooks/question-keys';
      const before = receiver.to(path).length;
      await browser.goto(incidentUrl('Q1DBFULL7X2M'));
      await browser.clickAccessible(button(LABEL));
      await browser.clickAccessible({ role: 'textbox', name: 'Reason' });
      await browser.press('Escape');
      await browser.waitForAccessible(dialog(LABEL), { gone: true });

      await browser.clickAccessible(button(LABEL));
      await browser.clickAccessible({ role: 'textbox', name: 'Reason' });
      await browser.type('by-keyboard');
      await browser.waitForAccessible(button('Send'), { enabled: true });
      await browser.press('Tab');
      expect(await browser.focusedAccessibleName()).toBe('Cancel');
      await browser.press('Tab');
      expect(await browser.focusedAccessibleName()).toBe('Send');
      if (browser.name === 'chromium') {
        // A Tab typed in the frame counts as the keyboard reaching Send: Enter there sends.
        await browser.press('Enter');
        const request = await receiver.waitFor(path, before + 1);
        expect(JSON.parse(request.body)).toStrictEqual({ reason: 'by-keyboard' });
        await browser.clickAccessible(button('Close'));
      } else {
        // Headless Firefox over BiDi does not activate a focused button with Enter (browsers/firefox.ts).
        await browser.clickAccessible(button('Cancel'));
        await watchForNothing();
        expect(receiver.to(path)).toHaveLength(before);
      }
      await browser.waitForAccessible(dialog(LABEL), { gone: true });
    });
  });
}
