import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliverAction } from '@/lib/delivery/deliver-action';
import { createOutbox } from '@/lib/delivery/outbox-runner';
import type { Action } from '@/lib/model/action';
import { isFinal } from '@/lib/model/outcome';
import { saveAction } from '@/lib/storage/actions-store';
import type { Database } from '@/lib/storage/database';
import { saveSecret } from '@/lib/storage/secrets-store';
import { deliveryDeps, freshDatabase, makeAction, makeIncident, newInvocation } from '../../support/builders';

/** Where the builders' actions send: the saved secrets are bound to it. */
const HOOKS = 'https://hooks.example.com';

/** A receiver's answers, one per request, recorded with the request's Idempotency-Key. */
type Answer = number | 'reset' | 'hang' | { status: number; retryAfter: string };

function scriptedFetch(answers: Answer[]) {
  const keys: string[] = [];
  const requests: { headers: [string, string][]; body?: string }[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const headers = init.headers as [string, string][];
    keys.push(headers.find(([name]) => name === 'Idempotency-Key')?.[1] ?? '');
    requests.push({ headers, body: init.body as string | undefined });
    const answer = answers.shift() ?? 200;
    if (answer === 'reset') throw new TypeError('Failed to fetch');
    if (answer === 'hang') {
      return new Promise<Response>((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    }
    if (typeof answer === 'object') {
      return new Response('slow down', { status: answer.status, headers: { 'Retry-After': answer.retryAfter } });
    }
    return new Response(`answer ${answer}`, { status: answer, headers: { 'X-Request-Id': `r-${keys.length}` } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls: fetch, keys, requests };
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** The URL makeAction's template renders for makeIncident(): what is sent, and what the permission check sees. */
const ENDPOINT = 'https://hooks.example.com/run/Q1DBFULL7X2M';

/**
 * A database with one action, a controllable clock, and the delivery deps over a real outbox (every host
 * granted unless `granted` says otherwise).
 */
async function setup(
  answers: Answer[],
  action: Partial<Action> = {},
  granted: (url: string) => Promise<boolean> = async () => true,
) {
  const db = await freshDatabase();
  const saved = await saveAction(db, makeAction(action));
  const receiver = scriptedFetch(answers);
  const clock = { now: 1_000_000 };
  const deps = deliveryDeps(db, receiver.fetch, { now: () => clock.now, granted });
  stops.push(deps.outbox.stop);
  const send = (invocation = newInvocation(clock.now)) =>
    deliverAction(deps, saved.id, makeIncident(), undefined, invocation);
  /** Moves the clock to the next wake-up and runs the outbox, as the alarm would. */
  const wake = async () => {
    const when = deps.wakes.at(-1);
    if (when === undefined) throw new Error('nothing scheduled');
    clock.now = Math.max(clock.now, when);
    await deps.outbox.runDue();
  };
  return { db, action: saved, receiver, clock, deps, send, wake };
}

async function onlyRun(db: Database) {
  const [entry, ...others] = await db.getAll('log');
  expect(others).toEqual([]);
  if (!entry) throw new Error('no log row');
  return { entry, details: await db.get('logDetails', entry.id), outbox: await db.getAll('outbox') };
}

describe('the outbox, against a receiver that fails in each way', () => {
  it('503 then 200: retried once with the same Idempotency-Key, delivered, outbox emptied', async () => {
    const { db, receiver, clock, deps, send, wake } = await setup([503, 200]);
    const first = await send();
    expect(first.ok && first.value).toMatchObject({
      outcome: 'retrying',
      httpStatus: 503,
      attemptCount: 1,
      maxAttempts: 5,
      nextAttemptAt: clock.now + 25_000,
    });
    expect((await onlyRun(db)).outbox).toHaveLength(1);
    await wake();
    const { entry, details, outbox } = await onlyRun(db);
    expect(entry).toMatchObject({ outcome: 'delivered', httpStatus: 200, attemptCount: 2 });
    expect(entry.nextAttemptAt).toBeUndefined();
    expect(details?.attempts.map((attempt) => [attempt.number, attempt.outcome, attempt.httpStatus])).toEqual([
      [1, 'rejected', 503],
      [2, 'delivered', 200],
    ]);
    expect(details?.attempts[1]?.responseHeaders).toContainEqual(['x-request-id', 'r-2']);
    expect(outbox).toEqual([]);
    expect(new Set(receiver.keys)).toEqual(new Set([entry.id]));
    expect(receiver.keys).toHaveLength(2);
    // The host permission was checked for the rendered URL: when the click was taken, then by each attempt.
    expect(deps.checked).toEqual([ENDPOINT, ENDPOINT, ENDPOINT]);
  });

  it('a retry checks the host permission again: withdrawn meanwhile, nothing is sent and the run fails', async () => {
    let allowed = true;
    const { db, receiver, deps, send, wake } = await setup([503, 200], {}, async () => allowed);
    await send();
    allowed = false;
    await wake();
    const { entry, details, outbox } = await onlyRun(db);
    const error = 'Not allowed to call https://hooks.example.com: open the options page and grant access to it';
    expect(entry).toMatchObject({ outcome: 'failed', attemptCount: 2, error });
    expect(details?.attempts.map((attempt) => [attempt.number, attempt.outcome, attempt.httpStatus])).toEqual([
      [1, 'rejected', 503],
      [2, 'failed', undefined],
    ]);
    expect(details?.attempts[1]?.error).toBe(error);
    expect(outbox).toEqual([]);
    expect(receiver.calls).toHaveBeenCalledTimes(1);
    expect(deps.checked).toEqual([ENDPOINT, ENDPOINT, ENDPOINT]);
  });

  it('429 with Retry-After: waits exactly as long as asked', async () => {
    const { db, clock, deps, send } = await setup([{ status: 429, retryAfter: '7' }, 200]);
    const sentAt = clock.now;
    await send();
    expect((await onlyRun(db)).entry).toMatchObject({ outcome: 'retrying', nextAttemptAt: sentAt + 7_000 });
    // The alarm is set for then, not before.
    expect(deps.wakes.at(-1)).toBe(sentAt + 7_000);
  });

  it('500 every time: gives up after the action’s attempts, rejected, with every attempt logged', async () => {
    const { db, receiver, send, wake } = await setup([500, 500, 500, 500], {
      delivery: { timeoutSeconds: 1, maxAttempts: 3, giveUpAfterMinutes: 20 },
    });
    await send();
    await wake();
    await wake();
    const { entry, details, outbox } = await onlyRun(db);
    expect(entry).toMatchObject({ outcome: 'rejected', httpStatus: 500, error: 'Gave up after 3 attempts: HTTP 500' });
    expect(details?.attempts).toHaveLength(3);
    expect(outbox).toEqual([]);
    expect(receiver.calls).toHaveBeenCalledTimes(3);
  });

  it('connection reset, then a hang past the timeout, then 200', async () => {
    const { db, receiver, send, wake } = await setup(['reset', 'hang', 200], {
      delivery: { timeoutSeconds: 1, maxAttempts: 5, giveUpAfterMinutes: 20 },
    });
    await send();
    await wake();
    await wake();
    const { entry, details } = await onlyRun(db);
    expect(entry).toMatchObject({ outcome: 'delivered', attemptCount: 3 });
    expect(details?.attempts.map((attempt) => attempt.error)).toEqual([
      'Could not reach the endpoint: Failed to fetch (refused, unknown host, or a TLS or certificate error: the browser does not say which)',
      'No answer within 1 s',
      undefined,
    ]);
    expect(new Set(receiver.keys).size).toBe(1);
  });

  it.each([400, 410, 302])('%i: final at once, never retried', async (status) => {
    const { db, receiver, deps, send } = await setup([status, 200]);
    const reply = await send();
    expect(reply.ok && reply.value.outcome).toBe('rejected');
    expect((await onlyRun(db)).outbox).toEqual([]);
    await deps.outbox.runDue();
    expect(receiver.calls).toHaveBeenCalledTimes(1);
    expect(deps.wakes.at(-1)).toBeUndefined();
  });

  it('does nothing before the retry is due', async () => {
    const { receiver, deps, send } = await setup([503, 200]);
    await send();
    await deps.outbox.runDue();
    expect(receiver.calls).toHaveBeenCalledTimes(1);
  });

  it('signs each attempt again: a fresh Standard Webhooks timestamp, the same webhook-id', async () => {
    const { db, receiver, clock, send, wake } = await setup([503, 200], {
      signing: { scheme: 'standard-webhooks', secrets: ['hook_key'] },
    });
    await saveSecret(db, {
      name: 'hook_key',
      value: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      savedAt: 1,
      origins: [HOOKS],
    });
    await send();
    clock.now += 60_000;
    await wake();
    const header = (index: number, name: string) =>
      receiver.requests[index]?.headers.find(([key]) => key === name)?.[1];
    expect(header(0, 'webhook-id')).toBe(header(1, 'webhook-id'));
    expect(header(0, 'webhook-id')).toBe(receiver.keys[0]);
    expect(Number(header(1, 'webhook-timestamp')) - Number(header(0, 'webhook-timestamp'))).toBeGreaterThanOrEqual(60);
    expect(header(0, 'webhook-signature')).not.toBe(header(1, 'webhook-signature'));
  });
});

describe('a worker stopped mid-send', () => {
  it('leaves a lease; a new worker resumes after it with the same key, the lost attempt marked', async () => {
    const { db, action, receiver, clock, deps } = await setup([200]);
    // The first worker confirms, commits and claims the attempt, then is stopped before any answer.
    const stoppedWorker = deliveryDeps(db, () => new Promise<Response>(() => {}), { now: () => clock.now });
    stops.push(stoppedWorker.outbox.stop);
    const invocation = newInvocation(clock.now);
    void deliverAction(stoppedWorker, action.id, makeIncident(), undefined, invocation);
    await vi.waitFor(async () => expect((await db.get('outbox', invocation.id))?.leaseUntil).toBeDefined());
    stoppedWorker.outbox.stop();

    // The new worker starts (alarm or browser start): the lease still holds, so it waits for it.
    await deps.outbox.runDue();
    expect(receiver.calls).not.toHaveBeenCalled();
    const lease = (await db.get('outbox', invocation.id))?.leaseUntil ?? 0;
    expect(deps.wakes.at(-1)).toBe(lease);
    clock.now = lease;
    await deps.outbox.runDue();

    const { entry, details, outbox } = await onlyRun(db);
    expect(entry).toMatchObject({ id: invocation.id, outcome: 'delivered', attemptCount: 2 });
    expect(details?.attempts.map((attempt) => attempt.outcome)).toEqual(['interrupted', 'delivered']);
    expect(receiver.keys).toEqual([invocation.id]);
    expect(outbox).toEqual([]);
  });

  it('ends the run as failed when the lost attempt was the last one', async () => {
    const { db, action, receiver, clock, deps } = await setup([200], {
      delivery: { timeoutSeconds: 1, maxAttempts: 1, giveUpAfterMinutes: 20 },
    });
    const stoppedWorker = deliveryDeps(db, () => new Promise<Response>(() => {}), { now: () => clock.now });
    stops.push(stoppedWorker.outbox.stop);
    void deliverAction(stoppedWorker, action.id, makeIncident(), undefined, newInvocation(clock.now));
    await vi.waitFor(async () => expect(await db.count('outbox')).toBe(1));
    await vi.waitFor(async () => expect((await db.getAll('outbox'))[0]?.leaseUntil).toBeDefined());
    clock.now += 60_000;
    await deps.outbox.runDue();
    const { entry, outbox } = await onlyRun(db);
    expect(entry).toMatchObject({ outcome: 'failed', attemptCount: 1 });
    expect(entry.error).toContain('Interrupted during attempt 1 of 1');
    expect(outbox).toEqual([]);
    expect(receiver.calls).not.toHaveBeenCalled();
  });

  it('two runners (a timer and an alarm) never make the same attempt twice', async () => {
    const { db, receiver, clock, deps, send } = await setup([503, 200]);
    await send();
    const second = createOutbox({ ...deps, wakeAt: () => {}, onLogChanged: () => {} });
    stops.push(second.stop);
    clock.now += 10 * 60_000;
    await Promise.all([deps.outbox.runDue(), second.runDue(), deps.outbox.runDue()]);
    expect(receiver.calls).toHaveBeenCalledTimes(2);
    expect((await onlyRun(db)).entry).toMatchObject({ outcome: 'delivered', attemptCount: 2 });
  });
});

describe('exactly-once accounting (fast-check)', () => {
  const answer = fc.oneof(
    fc.constantFrom<Answer>(200, 201, 400, 404, 408, 410, 429, 500, 502, 503, 'reset'),
    fc.record({ status: fc.constant(429), retryAfter: fc.constantFrom('1', '30', 'junk') }),
  );
  it('every confirmed click ends in one final row, one key across its attempts, nothing left pending', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(answer, { maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.boolean(), { maxLength: 30 }),
        async (clicks, restarts) => {
          const db = await freshDatabase();
          const action = await saveAction(
            db,
            makeAction({ delivery: { timeoutSeconds: 1, maxAttempts: 4, giveUpAfterMinutes: 30 } }),
          );
          const answers = clicks.flat();
          const receiver = scriptedFetch(answers);
          const clock = { now: 5_000_000 };
          let deps = deliveryDeps(db, receiver.fetch, { now: () => clock.now, random: () => 0.3 });
          const ids: string[] = [];
          for (const _ of clicks) {
            const invocation = newInvocation(clock.now);
            ids.push(invocation.id);
            await deliverAction(deps, action.id, makeIncident(), undefined, invocation);
          }
          // Wake as alarms would, the worker sometimes replaced (stopped and started) between wakes.
          for (let round = 0; round < 40 && (await db.count('outbox')) > 0; round++) {
            if (restarts[round % Math.max(1, restarts.length)]) {
              deps.outbox.stop();
              deps = deliveryDeps(db, receiver.fetch, { now: () => clock.now, random: () => 0.3 });
            }
            clock.now += 10 * 60_000;
            await deps.outbox.runDue();
          }
          deps.outbox.stop();
          const rows = await db.getAll('log');
          expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort());
          expect(rows.every((row) => isFinal(row.outcome))).toBe(true);
          expect(await db.count('outbox')).toBe(0);
          const attempts = rows.reduce((sum, row) => sum + row.attemptCount, 0);
          expect(receiver.keys).toHaveLength(attempts);
          for (const row of rows) {
            expect(row.attemptCount).toBeLessThanOrEqual(4);
            expect(receiver.keys.filter((key) => key === row.id)).toHaveLength(row.attemptCount);
            const details = await db.get('logDetails', row.id);
            expect(details?.attempts).toHaveLength(row.attemptCount);
          }
          db.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});
