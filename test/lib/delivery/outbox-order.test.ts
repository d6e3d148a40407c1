import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliverAction, previewAction } from '@/lib/delivery/deliver-action';
import type { Delivery } from '@/lib/messaging/messages';
import type { Action } from '@/lib/model/action';
import type { IncidentSnapshot } from '@/lib/model/incident';
import { isFinal } from '@/lib/model/outcome';
import { saveAction } from '@/lib/storage/actions-store';
import type { Database } from '@/lib/storage/database';
import { deliveryDeps, freshDatabase, makeAction, makeIncident, newInvocation } from '../../support/builders';

/**
 * Ordering per action and incident, as PagerDuty keeps it ("PagerDuty sends webhooks for a given extension and
 * incident combination in the order that they were generated"; later ones are "queued for delivery" while one
 * is retried: PagerDuty/developer-docs docs/webhooks/02-Behavior.md).
 */

/** One answer per request, in arrival order; every request's Idempotency-Key recorded in arrival order. */
function receiver(answers: (number | 'reset')[]) {
  const keys: string[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const headers = init.headers as [string, string][];
    keys.push(headers.find(([name]) => name === 'Idempotency-Key')?.[1] ?? '');
    const answer = answers.shift() ?? 200;
    if (answer === 'reset') throw new TypeError('Failed to fetch');
    return new Response(`answer ${answer}`, { status: answer });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, keys };
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

const POLICY = { timeoutSeconds: 1, maxAttempts: 4, giveUpAfterMinutes: 30, maxBodyKB: 256 };

async function setup(answers: (number | 'reset')[], policy = POLICY) {
  const db = await freshDatabase();
  const action = await saveAction(db, makeAction({ delivery: policy }));
  const server = receiver(answers);
  const clock = { now: 1_000_000 };
  let deps = deliveryDeps(db, server.fetch, { now: () => clock.now });
  stops.push(() => deps.outbox.stop());
  const click = async (options: { sendNow?: boolean; incident?: IncidentSnapshot; action?: Action } = {}) => {
    const invocation = newInvocation(clock.now);
    const reply = await deliverAction(
      deps,
      (options.action ?? action).id,
      options.incident ?? makeIncident(),
      undefined,
      invocation,
      { sendNow: options.sendNow },
    );
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  };
  /** The clock moved on, and the outbox run as the alarm would. */
  const later = async (ms: number) => {
    clock.now += ms;
    await deps.outbox.runDue();
  };
  const restart = () => {
    deps.outbox.stop();
    deps = deliveryDeps(db, server.fetch, { now: () => clock.now });
  };
  return { db, action, server, clock, click, later, restart };
}

const row = async (db: Database, id: string) => {
  const entry = await db.get('log', id);
  if (!entry) throw new Error(`no log row ${id}`);
  return entry;
};

describe('ordering per action and incident', () => {
  it('a second click waits behind the first while it retries, then goes, in click order', async () => {
    const { db, action, server, clock, click, later } = await setup([503, 503, 200, 200]);
    const first = await click();
    expect(first).toMatchObject({ outcome: 'retrying', attemptCount: 1 });
    const firstRow = await row(db, first.logId);

    // Before Send, the modal is told what a Send would wait behind.
    const preview = await previewAction(db, action.id, makeIncident(), undefined, newInvocation(clock.now));
    expect(preview.ok && preview.value.queuedBehind).toEqual({
      id: first.logId,
      createdAt: firstRow.createdAt,
      outcome: 'retrying',
    });

    clock.now += 1_000;
    const second = await click();
    expect(second).toMatchObject({
      outcome: 'queued',
      attemptCount: 0,
      queuedBehind: { id: first.logId, createdAt: firstRow.createdAt },
    });
    expect(server.keys).toEqual([first.logId]); // nothing of the second left yet
    expect(await row(db, second.logId)).toMatchObject({ outcome: 'queued', queuedBehind: { id: first.logId } });

    await later(60_000); // the first's second attempt: 503 again; the second still waits
    expect(server.keys).toEqual([first.logId, first.logId]);
    expect((await row(db, second.logId)).outcome).toBe('queued');

    await later(10 * 60_000); // the first is delivered, and the second goes right after it
    await vi.waitFor(async () => expect((await row(db, second.logId)).outcome).toBe('delivered'));
    expect(server.keys).toEqual([first.logId, first.logId, first.logId, second.logId]);
    expect(await row(db, first.logId)).toMatchObject({ outcome: 'delivered', attemptCount: 3 });
    expect(await row(db, second.logId)).toMatchObject({ attemptCount: 1, queuedBehind: undefined });
    expect(await db.count('outbox')).toBe(0);
  });

  it('"Send now" goes ahead of the retrying run, and its log row says so', async () => {
    const { db, server, clock, click, later } = await setup([503, 200, 200]);
    const first = await click();
    clock.now += 1_000;
    const now = await click({ sendNow: true });
    expect(now).toMatchObject({ outcome: 'delivered', sentAhead: { id: first.logId } });
    expect(await row(db, now.logId)).toMatchObject({ sentAhead: { id: first.logId }, queuedBehind: undefined });
    expect(server.keys).toEqual([first.logId, now.logId]);
    await later(10 * 60_000);
    expect(server.keys).toEqual([first.logId, now.logId, first.logId]);
    expect((await row(db, first.logId)).outcome).toBe('delivered');
  });

  it('other actions and other incidents do not wait', async () => {
    const { db, server, click } = await setup([503, 200, 200]);
    const first = await click();
    const other = await saveAction(db, makeAction({ label: 'Other', delivery: POLICY }));
    const elsewhere = await click({ incident: makeIncident({ id: 'Q2OTHER' }) });
    const otherAction = await click({ action: other });
    expect(elsewhere.outcome).toBe('delivered');
    expect(otherAction.outcome).toBe('delivered');
    expect(server.keys).toEqual([first.logId, elsewhere.logId, otherAction.logId]);
  });

  it('the order outlives the worker: after a restart the queued run still waits, then goes', async () => {
    const { db, server, click, later, restart } = await setup([503, 200, 200]);
    const first = await click();
    const second = await click();
    expect(second.outcome).toBe('queued');
    restart();
    await later(0); // due, but not its turn
    expect(server.keys).toEqual([first.logId]);
    restart();
    await later(10 * 60_000);
    await vi.waitFor(async () => expect((await row(db, second.logId)).outcome).toBe('delivered'));
    expect(server.keys).toEqual([first.logId, first.logId, second.logId]);
  });

  it('a final failure of the first lets the second go (PagerDuty drops it and sends the next)', async () => {
    const { db, server, click, later } = await setup([503, 400, 200]);
    const first = await click();
    const second = await click();
    expect(second.outcome).toBe('queued');
    await later(10 * 60_000);
    await vi.waitFor(async () => expect((await row(db, second.logId)).outcome).toBe('delivered'));
    expect((await row(db, first.logId)).outcome).toBe('rejected');
    expect(server.keys).toEqual([first.logId, first.logId, second.logId]);
  });

  it('a run that waited its turn has the whole time limit from its own first attempt', async () => {
    // Attempts at 0, 25 s, 100 s fit a 2-minute limit. The first run takes all three; the second starts at 100 s
    // and its retry at 125 s is past the limit counted from its click, but within it counted from its first attempt.
    const { db, server, click, later } = await setup([503, 503, 200, 503, 200], {
      ...POLICY,
      giveUpAfterMinutes: 2,
    });
    const first = await click();
    const second = await click();
    await later(25_000);
    await later(75_000);
    await vi.waitFor(async () => expect((await row(db, second.logId)).outcome).toBe('retrying'));
    await later(25_000);
    expect(await row(db, second.logId)).toMatchObject({ outcome: 'delivered', attemptCount: 2 });
    expect(server.keys).toEqual([first.logId, first.logId, first.logId, second.logId, second.logId]);
  });
});

describe('receipt order = click order (fast-check)', () => {
  const answer = fc.constantFrom<number | 'reset'>(200, 202, 400, 410, 429, 500, 503, 'reset');
  const click = fc.record({
    action: fc.integer({ min: 0, max: 1 }),
    incident: fc.integer({ min: 0, max: 1 }),
    sendNow: fc.boolean(),
    /** Alarms that fire before this click (minutes between them). */
    wakes: fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 3 }),
    restart: fc.boolean(),
  });

  it('per action and incident, every run reaches the receiver after the runs clicked before it, unless sent now', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(click, { minLength: 1, maxLength: 8 }),
        fc.array(answer, { maxLength: 40 }),
        async (clicks, answers) => {
          const db = await freshDatabase();
          const actions = [
            await saveAction(db, makeAction({ label: 'A', delivery: POLICY })),
            await saveAction(db, makeAction({ label: 'B', delivery: POLICY })),
          ];
          const incidents = [makeIncident({ id: 'Q1' }), makeIncident({ id: 'Q2' })];
          const server = receiver([...answers]);
          const clock = { now: 5_000_000 };
          const start = () => deliveryDeps(db, server.fetch, { now: () => clock.now, random: () => 0.3 });
          let deps = start();
          const runs: { id: string; queue: string; sendNow: boolean; reply: Delivery; earlierPending: boolean }[] = [];
          for (const next of clicks) {
            for (const minutes of next.wakes) {
              clock.now += minutes * 60_000;
              await deps.outbox.runDue();
            }
            if (next.restart) {
              deps.outbox.stop();
              deps = start();
            }
            const queue = `${next.action}/${next.incident}`;
            const pending = new Set((await db.getAll('outbox')).map((item) => item.id));
            const earlierPending = runs.some((run) => run.queue === queue && pending.has(run.id));
            const invocation = newInvocation(clock.now);
            const reply = await deliverAction(
              deps,
              actions[next.action]?.id ?? '',
              incidents[next.incident] ?? makeIncident(),
              undefined,
              invocation,
              { sendNow: next.sendNow },
            );
            if (!reply.ok) throw new Error(reply.error);
            runs.push({ id: invocation.id, queue, sendNow: next.sendNow, reply: reply.value, earlierPending });
            clock.now += 1_000;
          }
          for (let round = 0; round < 60 && (await db.count('outbox')) > 0; round++) {
            if (round % 3 === 1) {
              deps.outbox.stop();
              deps = start();
            }
            clock.now += 10 * 60_000;
            await deps.outbox.runDue();
          }
          deps.outbox.stop();
          expect(await db.count('outbox')).toBe(0);

          const arrivals = (id: string) => server.keys.flatMap((key, index) => (key === id ? [index] : []));
          for (const [j, later] of runs.entries()) {
            // The modal was told "queued" exactly when an earlier run of its action and incident was pending.
            expect(later.reply.outcome === 'queued').toBe(later.earlierPending && !later.sendNow);
            expect(Boolean(later.reply.sentAhead)).toBe(later.earlierPending && later.sendNow);
            const entry = await db.get('log', later.id);
            expect(entry && isFinal(entry.outcome)).toBe(true);
            expect(Boolean(entry?.sentAhead)).toBe(later.earlierPending && later.sendNow);
            if (later.sendNow) continue;
            const first = Math.min(...arrivals(later.id));
            for (const earlier of runs.slice(0, j)) {
              if (earlier.queue !== later.queue) continue;
              // Every request of the earlier run, retries included, came before this one's first.
              expect(Math.max(-1, ...arrivals(earlier.id))).toBeLessThan(first);
            }
          }
          db.close();
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
