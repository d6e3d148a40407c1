import { describe, expect, it } from 'vitest';
import { type AccessibleQuery, type ExtensionBrowser, poll, watchForNothing } from './browsers/driver.ts';
import { endOutage } from './fault-receiver.ts';
import { createActionThroughOptions } from './options-page.ts';
import { outboxClock } from './outbox-clock.ts';
import type { Receiver } from './receiver.ts';
import { button, dialog, incidentUrl, openActionModal } from './scenario-context.ts';

// An incident no other scenario of this browser sends from: its Runs (n) counts these runs only.
const INCIDENT = incidentUrl('Q5RETRIES0AB');
const MINUTE = 60_000;

async function waitForText(browser: ExtensionBrowser, where: AccessibleQuery, pattern: RegExp): Promise<string> {
  let last = '';
  return poll(`${pattern} in ${where.role} "${where.name}" (it read "${last}")`, async () => {
    last = await browser.textOfAccessible(where);
    return pattern.test(last) ? last : undefined;
  });
}

/**
 * Creates an action that sends to `path` (down until the test ends its outage), opens the outbox's clock in a tab
 * of its own, and sends the action from the incident: its first attempt fails, and the modal says it retries.
 */
async function sendIntoOutage(browser: ExtensionBrowser, receiver: Receiver, label: string, path: string) {
  await createActionThroughOptions(browser, { label, url: `${receiver.origin}${path}` });
  const clock = await outboxClock(browser);
  await browser.bringToFront(); // the clock's tab opened in front; a person clicks in the incident's
  await browser.goto(INCIDENT);
  await openActionModal(browser, label);
  const clickedAt = clock.now();
  await browser.clickAccessible(button('Send'));
  await receiver.waitFor(path, 1);
  await waitForText(browser, dialog(label), /Retrying/);
  return { clock, clickedAt };
}

/**
 * Delivery as PagerDuty's (PagerDuty/developer-docs docs/webhooks/02-Behavior.md): its retry schedule over about
 * 20 minutes, seen through the e2e build's outbox clock, and one action's webhooks for one incident in order.
 */
export function pagerDutyDeliveryScenarios(context: () => { browser: ExtensionBrowser; receiver: Receiver }) {
  describe("PagerDuty's delivery", () => {
    it('two clicks on one incident while the first retries: the second says it is queued, and arrives after', async () => {
      const { browser, receiver } = context();
      const label = 'Page in order';
      const path = '/faults/down-until-ended/in-order';
      const { clock } = await sendIntoOutage(browser, receiver, label, path);
      await browser.clickAccessible(button('Close'));
      await browser.waitForAccessible(dialog(label), { gone: true });

      // Before Send, the modal says the second click would wait behind the first, and offers to send it now.
      await openActionModal(browser, label);
      await waitForText(browser, dialog(label), /Queued behind the run of [^(]+\(retrying\): Send waits until it ends/);
      expect(await browser.isAccessible(button('Send now'))).toBe(true);
      await browser.clickAccessible(button('Send'));
      await waitForText(browser, dialog(label), /Queued behind the run of .+: sent when that run ends/);
      await browser.clickAccessible(button('Close'));
      await browser.waitForAccessible(dialog(label), { gone: true });

      // The incident's timeline says so too, and nothing of the second has left.
      await browser.clickAccessible(button('Runs (2)'));
      const runs = { role: 'region', name: 'Runs on this incident' };
      await waitForText(browser, runs, /Page in order · Queued[\s\S]*Queued behind the run of/);
      await browser.clickAccessible(button('Close runs'));
      const keysAt = () => receiver.to(path).map((request) => String(request.headers['idempotency-key']));
      const first = keysAt()[0] ?? '';
      // The first may have been retried meanwhile (its own timer, 25 s on), still into the outage; nothing else left.
      await watchForNothing();
      expect(new Set(keysAt())).toEqual(new Set([first]));

      // The endpoint is up; the clock moves to the first's next attempt: it is delivered, and then the second goes.
      endOutage(path);
      const next = await clock.nextWake();
      if (next === null) throw new Error('The outbox has nothing scheduled');
      await clock.moveTo(next);
      const second = await poll('the second run at the receiver', async () => keysAt().find((key) => key !== first));
      const keys = keysAt();
      expect(keys.lastIndexOf(first)).toBe(keys.indexOf(second) - 1);
      expect(keys.slice(keys.indexOf(second))).toEqual([second]);
      await browser.clickAccessible(button('Runs (2)'));
      await waitForText(browser, runs, /Page in order · Delivered[\s\S]*Page in order · Delivered/);
      await browser.clickAccessible(button('Close runs'));
      await clock.close();
    });

    it('an endpoint down for 6 minutes, then up, still gets the send: its fifth attempt, within 20 minutes', async () => {
      const { browser, receiver } = context();
      const label = 'Page after an outage';
      const path = '/faults/down-until-ended/six-minutes';
      const { clock, clickedAt } = await sendIntoOutage(browser, receiver, label, path);
      // The product's schedule is unchanged: its second attempt is 25 s away, so nothing comes before the clock moves.
      await watchForNothing();
      expect(receiver.to(path)).toHaveLength(1);

      /** When each attempt was due, from the click, on the outbox's clock. */
      const dueAt = [0];
      while (receiver.to(path).length < 5) {
        const made = receiver.to(path).length;
        const next = await clock.nextWake();
        if (next === null) throw new Error(`Nothing scheduled after ${made} attempts`);
        if (receiver.to(path).length > made) continue; // the outbox's own timer came first
        // The endpoint was down for the first 6 minutes: it is up for an attempt due after them.
        if (next - clickedAt >= 6 * MINUTE) endOutage(path);
        await clock.moveTo(next);
        await receiver.waitFor(path, made + 1);
        dueAt.push(next - clickedAt);
      }
      await waitForText(browser, dialog(label), /Delivered · HTTP 200 · \d+ ms · 5 attempts/);
      const keys = new Set(receiver.to(path).map((request) => String(request.headers['idempotency-key'])));
      expect(keys.size).toBe(1);
      // Four attempts inside the outage, the fifth after it, every one within PagerDuty's 20 minutes.
      expect(dueAt.filter((due) => due < 6 * MINUTE)).toHaveLength(4);
      expect(dueAt.at(-1)).toBeGreaterThan(6 * MINUTE);
      expect(Math.max(...dueAt)).toBeLessThan(20 * MINUTE);
      await browser.clickAccessible(button('Close'));
      await clock.close();
    });

    it("refuses a body over PagerDuty's 256 KB in the modal, before Send, and sends nothing", async () => {
      const { browser, receiver } = context();
      const label = 'Archive the whole title';
      const path = '/hooks/over-the-cap';
      await createActionThroughOptions(browser, {
        label,
        url: `${receiver.origin}${path}`,
        body: '{"t": "{{ incident.title }}"}',
      });
      await browser.goto(incidentUrl('Q4HUGETITLE1')); // a 1 MB title
      await browser.waitForAccessible(button(label));
      await browser.clickAccessible(button(label));
      await waitForText(
        browser,
        dialog(label),
        /The body is [\d,]+ KB, over this action's limit of 256 KB \(PagerDuty drops webhooks over 256 KB\): it is not sent/,
      );
      expect(await browser.isAccessible(button('Send'))).toBe(false);
      await browser.clickAccessible(button('Close'));
      await watchForNothing();
      expect(receiver.to(path)).toHaveLength(0);
    }, 300_000);

    it('Send now goes ahead of a retrying run, at once, and the modal says it was the responder', async () => {
      const { browser, receiver } = context();
      const label = 'Page now';
      const path = '/faults/down-until-ended/send-now';
      const { clock } = await sendIntoOutage(browser, receiver, label, path);
      const first = String(receiver.to(path)[0]?.headers['idempotency-key']);
      await browser.clickAccessible(button('Close'));
      await browser.waitForAccessible(dialog(label), { gone: true });

      // The first still retries (the endpoint is down): Send now leaves without waiting behind it.
      await openActionModal(browser, label);
      await waitForText(browser, dialog(label), /Queued behind the run of [^(]+\(retrying\)/);
      await browser.clickAccessible(button('Send now'));
      const keysAt = () => receiver.to(path).map((request) => String(request.headers['idempotency-key']));
      await poll('the run sent now at the receiver', async () => keysAt().find((key) => key !== first));
      await waitForText(browser, dialog(label), /Sent now, ahead of the run of .+, by the responder's choice/);
      await browser.clickAccessible(button('Close'));
      await browser.waitForAccessible(dialog(label), { gone: true });
      endOutage(path);
      await clock.close();
    });
  });
}
