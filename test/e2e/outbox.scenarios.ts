import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { HistoryDocument } from '../../lib/history/export.ts';
import { type ExtensionBrowser, poll, WAIT_MS } from './browsers/driver.ts';
import type { Fault } from './fault-receiver.ts';
import { createActionThroughOptions } from './options-page.ts';
import { outboxClock } from './outbox-clock.ts';
import type { Receiver } from './receiver.ts';

const button = (name: string) => ({ role: 'button', name });
const LABEL = 'Fault tour';
const dialog = { role: 'dialog', name: `Run “${LABEL}”?` };
// An incident no other scenario sends from: its Runs (n) counts this tour's runs only.
const INCIDENT = 'https://acme.pagerduty.com/incidents/Q5RETRIES0AB';
const FINAL = /(Delivered|Rejected|Failed|Not sent) · /;
/** The faults the first test plays, each delivered on its second attempt. */
const RETRIED = ['503-then-200', 'reset-then-200', 'hang-then-200', '429-then-200'] as const;

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

  /**
   * Clicks the tour's button, answers the question, sends, and waits for the final outcome in the modal. With a
   * `clock`, each retry is made at once by moving the outbox's clock to it (the schedule's third attempt is
   * ~100 s after the first).
   */
  async function runFault(
    browser: ExtensionBrowser,
    fault: Fault,
    tag: string,
    clock?: Awaited<ReturnType<typeof outboxClock>>,
  ): Promise<string> {
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
        if (FINAL.test(text)) return text;
        const next = clock && text.includes('Retrying') ? await clock.nextWake() : null;
        if (clock && next !== null) await clock.moveTo(next);
        return undefined;
      },
      WAIT_MS,
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
      const clock = await outboxClock(browser);
      await browser.bringToFront(); // the clock's tab opened in front
      await browser.goto(INCIDENT);

      for (const fault of RETRIED) {
        // The backoff's 25 s is jumped over on the outbox's clock; 429's Retry-After (1 s) is waited out, to see it
        // honoured.
        const shown = await runFault(browser, fault, 'retried', fault === '429-then-200' ? undefined : clock);
        expect(shown, fault).toMatch(/Delivered · HTTP 200 · \d+ ms · 2 attempts/);
        const keys = keysOf(receiver, fault, 'retried');
        expect(keys, fault).toHaveLength(2);
        expect(new Set(keys).size, fault).toBe(1);
        expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
      }
      await clock.close();
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
        expect(shown).toMatch(new RegExp(`Rejected · HTTP ${fault.slice(0, 3)}`));
        expect(shown).not.toContain('attempts');
        expect(keysOf(receiver, fault, 'final')).toHaveLength(1);
      }
      const redirected = await runFault(browser, '302-always', 'final');
      expect(redirected).toContain('The endpoint answered with a redirect, which is not followed');
      expect(keysOf(receiver, '302-always', 'final')).toHaveLength(1);
      expect(elsewhere.received).toHaveLength(0);

      const clock = await outboxClock(browser);
      await browser.bringToFront(); // the clock's tab opened in front
      const broken = await runFault(browser, '500-always', 'final', clock);
      await clock.close();
      expect(broken).toMatch(/Rejected · HTTP 500 · \d+ ms · 3 attempts/);
      expect(broken).toContain('Gave up after 3 attempts: HTTP 500');
      const keys = keysOf(receiver, '500-always', 'final');
      expect(keys).toHaveLength(3);
      expect(new Set(keys).size).toBe(1);
    });

    it('finds the runs in the history, exports what is shown, re-sends one and keeps the retention it is given', async () => {
      const { browser, receiver } = context();
      const tourRuns = 8; // the two tests above, in this fresh browser
      await browser.openOptionsPage();
      await browser.waitForSelector('.history-list .history-row');
      let shownCount = '';
      const count = (expected: string) =>
        poll(`the history count "${expected}"`, async () => {
          shownCount = await browser.textOf('.history-count');
          return shownCount === expected ? shownCount : undefined;
        }).catch((error: Error) => {
          throw new Error(`${error.message}; it read "${shownCount}"`, { cause: error });
        });
      await count(`${tourRuns} runs`);

      // Search reads the status, and the outcome filter narrows to the retried, delivered runs.
      await browser.fill('.history-search', 'http 410');
      // Each word may match anywhere in a run's text, its Idempotency-Key included: a random key that happens
      // to contain "410" (about one UUID in 110) makes its run match as well, if it has an HTTP status (the
      // redirected run has none). So the count expects those too, rather than failing about one tour in 20
      // with "2 of 8 runs", as it did (not a slow machine: a longer wait read the same).
      const withHttpStatus = [
        ...RETRIED.map((fault) => keysOf(receiver, fault, 'retried')[0]),
        ...(['400-always', '500-always'] as const).map((fault) => keysOf(receiver, fault, 'final')[0]),
      ];
      const keysWith410 = withHttpStatus.filter((key) => key?.includes('410')).length;
      await count(`${1 + keysWith410} of ${tourRuns} runs`);
      expect(await browser.textOf('.history-list')).toMatch(/Rejected · HTTP 410/);
      await browser.fill('.history-search', 'Q5RETRIES0AB');
      await browser.select('.history-filters select[aria-label="Outcome"]', 'delivered');
      await count(`4 of ${tourRuns} runs`);

      // CSV of what is shown, read by a public RFC 4180 parser.
      const csv = await browser.download(() => browser.clickAccessible(button('Export CSV')));
      expect(csv.name).toMatch(/^incident-actions-history-\d{4}-\d\d-\d\d\.csv$/);
      const [header, ...rows] = parse(csv.text, { record_delimiter: '\r\n' }) as string[][];
      const column = (name: string) => (header ?? []).indexOf(name);
      expect(rows).toHaveLength(4);
      for (const row of rows) {
        expect(row[column('incident_id')]).toBe('Q5RETRIES0AB');
        expect(row[column('outcome')]).toBe('delivered');
        expect(row[column('attempts')]).toBe('2');
      }

      // JSON of the same runs: each run's id is the Idempotency-Key the receiver saw on both attempts.
      const json = await browser.download(() => browser.clickAccessible(button('Export JSON')));
      expect(json.name).toMatch(/^incident-actions-history-\d{4}-\d\d-\d\d\.json$/);
      const exported = JSON.parse(json.text) as HistoryDocument;
      expect(exported.format).toBe('incident-actions-history');
      expect(exported.runs).toHaveLength(4);
      for (const fault of RETRIED) {
        const run = exported.runs.find((entry) => entry.request?.url.endsWith(`/faults/${fault}%2Fretried`));
        expect(run?.id, fault).toBe(keysOf(receiver, fault, 'retried')[0]);
        expect(run?.request?.headers, fault).toContainEqual(['Idempotency-Key', run?.id]);
        expect(run?.attempts.map((attempt) => attempt.httpStatus).at(-1), fault).toBe(200);
        expect(run?.attempts, fault).toHaveLength(2);
      }
      expect(exported.runs.find((run) => run.request?.url.includes('429'))?.attempts[0]?.httpStatus).toBe(429);

      // Re-send the 503 run: a new invocation, so a new key, and a new row in the history.
      await browser.fill('.history-search', '');
      await browser.select('.history-filters select[aria-label="Outcome"]', '');
      await count(`${tourRuns} runs`);
      const resent = exported.runs.find((run) => run.request?.url.includes('503-then-200'));
      await browser.fill('.history-search', resent?.id ?? 'missing');
      // The search reads the log in steps: the list shows the 8 runs until it has.
      await count(`1 of ${tourRuns} runs`);
      await browser.click('.history-row button');
      await browser.waitForSelector('.run-details');
      // The 503 attempt was followed by another: it reads as retried, not as the run's end.
      expect(await browser.textOf('.run-details table.attempts')).toMatch(/Rejected, retried\s*503/);
      await browser.clickAccessible(button('Re-send'));
      await browser.clickAccessible(button('Send again'));
      await poll('the re-send result', async () =>
        /Sent again: Delivered · HTTP 200/.test(await browser.textOf('.resend-result')) ? true : undefined,
      );
      const keys = keysOf(receiver, '503-then-200', 'retried');
      expect(keys).toHaveLength(3);
      expect(keys[2]).not.toBe(keys[0]);
      await browser.fill('.history-search', '');
      await count(`${tourRuns + 1} runs`);

      // Retention: fewer than 100 runs is refused with the reason; 100 saves, keeps these runs, and stays.
      await browser.click('.retention-settings summary');
      await browser.fill('#retention-maxEntries', '3');
      await browser.click('.retention button[type="submit"]');
      await poll('the retention error', async () =>
        (await browser.textOf('.retention')).includes('Keep at least 100') ? true : undefined,
      );
      await browser.fill('#retention-maxEntries', '100');
      await browser.click('.retention button[type="submit"]');
      await poll('the retention notice', async () =>
        (await browser.textOf('.retention [role="status"]')) === 'Saved. No runs needed removing.' ? true : undefined,
      );
      await count(`${tourRuns + 1} runs`);
      await browser.openOptionsPage();
      await browser.click('.retention-settings summary');
      await poll('the saved retention', async () =>
        (await browser.evaluate(() => document.querySelector<HTMLInputElement>('#retention-maxEntries')?.value)) ===
        '100'
          ? true
          : undefined,
      );
    });
  });
}
