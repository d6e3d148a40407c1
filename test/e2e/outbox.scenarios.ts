import { describe, expect, it } from 'vitest';
import { type ExtensionBrowser, poll } from './browsers/driver.ts';
import type { Fault } from './fault-receiver.ts';
import { createActionThroughOptions } from './options-page.ts';
import type { Receiver } from './receiver.ts';

const button = (name: string) => ({ role: 'button', name });
const LABEL = 'Fault tour';
const dialog = { role: 'dialog', name: `Run “${LABEL}”?` };
// An incident no other scenario sends from: its Runs (n) counts this tour's runs only.
const INCIDENT = 'https://acme.pagerduty.com/incidents/Q5RETRIES0AB';
const FINAL = /(Delivered|Rejected by the endpoint|Failed|Not sent) · /;

/**
 * The outbox against a receiver that fails in each way (test/e2e/fault-receiver.ts), from real clicks:
 * what is retried, what is not, one Idempotency-Key across a click's attempts, the modal following the
 * retries live, and the incident's timeline. `elsewhere` is the origin a redirect points to.
 */
export function outboxScenarios(context: () => { browser: ExtensionBrowser; receiver: Receiver; elsewhere: Receiver }) {
  /** The action the tour uses: the fault is a question, so one action plays them all. */
  async function createFaultTour(browser: ExtensionBrowser, receiver: Receiver) {
    await createActionThroughOptions(browser, {
      label: LABEL,
      url: `${receiver.origin}/faults/{{ params.fault }}`,
      fillMore: async (options) => {
        await options.clickAccessible(button('Add question'));
        await options.fill('[aria-label="Question 1 name"]', 'fault');
        await options.fill('[aria-label="Question 1 label"]', 'Fault');
        await options.click('[aria-label="Question 1 is required"]');
        await options.fill('#delivery-timeoutSeconds', '2');
        await options.fill('#delivery-maxAttempts', '3');
        await options.fill('#delivery-giveUpAfterMinutes', '5');
      },
    });
  }

  /** Clicks the tour's button, answers the question, sends, and waits for the final outcome in the modal. */
  async function runFault(browser: ExtensionBrowser, fault: Fault, tag: string): Promise<string> {
    await browser.waitForAccessible(button(LABEL));
    await browser.clickAccessible(button(LABEL));
    await browser.waitForAccessible(dialog);
    await browser.clickAccessible({ role: 'textbox', name: 'Fault *' });
    await browser.type(`${fault}/${tag}`);
    await browser.waitForAccessible(button('Send'), { enabled: true });
    await browser.clickAccessible(button('Send'));
    const shown = await poll(
      `the final outcome of ${fault}`,
      async () => {
        const text = await browser.textOfAccessible(dialog);
        return FINAL.test(text) ? text : undefined;
      },
      30_000,
      200,
    );
    await browser.clickAccessible(button('Close'));
    await browser.waitForAccessible(dialog, { gone: true });
    return shown;
  }

  const keysOf = (receiver: Receiver, fault: Fault, tag: string) =>
    receiver.to(`/faults/${fault}%2F${tag}`).map((request) => String(request.headers['idempotency-key']));

  describe('the outbox against a failing receiver', () => {
    it('retries no answer, a reset, 503 and 429 (after its Retry-After) with one key, and the modal follows', async () => {
      const { browser, receiver } = context();
      await createFaultTour(browser, receiver);
      await browser.goto(INCIDENT);

      for (const fault of ['503-then-200', 'reset-then-200', 'hang-then-200', '429-then-200'] as const) {
        const shown = await runFault(browser, fault, 'retried');
        expect(shown, fault).toMatch(/Delivered · HTTP 200 · \d+ ms · 2 attempts/);
        const keys = keysOf(receiver, fault, 'retried');
        expect(keys, fault).toHaveLength(2);
        expect(new Set(keys).size, fault).toBe(1);
        expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
      }
      const [first, second] = receiver.to('/faults/429-then-200%2Fretried');
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);

      // The incident's timeline lists the four runs, newest first.
      await browser.clickAccessible(button('Runs (4)'));
      const timeline = await browser.textOfAccessible({ role: 'region', name: 'Runs on this incident' });
      expect(timeline.match(/Fault tour · Delivered · HTTP 200/g)).toHaveLength(4);
      await browser.clickAccessible(button('Close runs'));
    });

    it('does not retry 400, 410 or a redirect, and gives up on 500 after the action’s attempts', async () => {
      const { browser, receiver, elsewhere } = context();
      await browser.goto(INCIDENT);
      for (const fault of ['400-always', '410-always'] as const) {
        const shown = await runFault(browser, fault, 'final');
        expect(shown).toMatch(new RegExp(`Rejected by the endpoint · HTTP ${fault.slice(0, 3)}`));
        expect(shown).not.toContain('attempts');
        expect(keysOf(receiver, fault, 'final')).toHaveLength(1);
      }
      const redirected = await runFault(browser, '302-always', 'final');
      expect(redirected).toContain('The endpoint answered with a redirect, which is not followed');
      expect(keysOf(receiver, '302-always', 'final')).toHaveLength(1);
      expect(elsewhere.received).toHaveLength(0);

      const broken = await runFault(browser, '500-always', 'final');
      expect(broken).toMatch(/Rejected by the endpoint · HTTP 500 · \d+ ms · 3 attempts/);
      expect(broken).toContain('Gave up after 3 attempts: HTTP 500');
      const keys = keysOf(receiver, '500-always', 'final');
      expect(keys).toHaveLength(3);
      expect(new Set(keys).size).toBe(1);
    });
  });
}
