// biome-ignore-all lint/suspicious/noExplicitAny: payloads are read by path in assertions
import { afterEach, describe, expect, it } from 'vitest';
import { deliverAction, previewAction } from '@/lib/delivery/deliver-action';
import { createOutbox } from '@/lib/delivery/outbox-runner';
import type { Action } from '@/lib/model/action';
import { waitsBehind } from '@/lib/model/outbox-item';
import { saveAction } from '@/lib/storage/actions-store';
import { saveSecret } from '@/lib/storage/secrets-store';
import { deliveryDeps, freshDatabase, makeIncident, newInvocation } from '../../support/builders';
import { actionFrom } from '../../support/presets';
import { verifyPagerDutySignature } from '../../support/receivers/pagerduty-signature';

/** Where the builders' actions send: the saved secrets are bound to it. */
const HOOKS = 'https://hooks.example.com';

/** What a receiver saw: each request's key, event and whether its PagerDuty signature verifies. */
interface Seen {
  key: string;
  webhookId: string;
  event: Record<string, any>;
  signed: boolean;
}

const SECRET = 'pd-lifecycle-secret';
type Answer = number | 'reset' | 'hang';

function receiver(answers: Answer[]) {
  const seen: Seen[] = [];
  const fetch = async (_url: string, init: RequestInit) => {
    const headers = new Map((init.headers as [string, string][]).map(([name, value]) => [name.toLowerCase(), value]));
    const body = String(init.body);
    seen.push({
      key: headers.get('idempotency-key') ?? '',
      webhookId: headers.get('x-webhook-id') ?? '',
      event: JSON.parse(body).event,
      signed: verifyPagerDutySignature(Buffer.from(body), headers.get('x-pagerduty-signature') ?? '', SECRET),
    });
    const answer = answers.shift() ?? 200;
    if (answer === 'reset') throw new TypeError('Failed to fetch');
    if (answer === 'hang') return new Promise<Response>(() => {});
    return new Response(`answer ${answer}`, { status: answer });
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, seen };
}

/** Waits, a few ms at a time (at most 5 s), until `done` holds. */
async function poll(done: () => boolean) {
  for (let waited = 0; !done(); waited += 5) {
    if (waited > 5_000) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** The lifecycle preset, saved with its signing secret, and a clock the test moves. */
async function setup(answers: Answer[], overrides: Partial<Action> = {}, granted = true) {
  const db = await freshDatabase();
  await saveSecret(db, { name: 'pd_secret', value: SECRET, savedAt: 1, origins: [HOOKS] });
  const action = await saveAction(
    db,
    actionFrom('pagerduty-v3-action-invocation-created', { url: 'https://hooks.example.com/pd', ...overrides }),
  );
  const target = receiver(answers);
  const clock = { now: 1_000_000 };
  const deps = deliveryDeps(db, target.fetch, { now: () => clock.now, granted });
  stops.push(deps.outbox.stop);
  const invocation = newInvocation(clock.now);
  /** Runs the outbox until it is empty, moving the clock to each wake-up (of a run not waiting its turn), as the alarm would. */
  const drain = async (outbox = deps.outbox) => {
    for (let round = 0; round < 20 && (await db.count('outbox')) > 0; round += 1) {
      const items = await db.getAll('outbox');
      const ready = items.filter((item) => !waitsBehind(item, items));
      const due = Math.min(...ready.map((item) => item.leaseUntil ?? item.nextAttemptAt));
      clock.now = Math.max(clock.now, due);
      await outbox.runDue();
    }
  };
  const send = (sent = invocation) => deliverAction(deps, action.id, makeIncident(), undefined, sent);
  return { db, deps, clock, invocation, send, drain, seen: target.seen };
}

/** The events a receiver saw, one per request: type and state. */
const events = (seen: Seen[]) => seen.map(({ event }) => `${event.event_type} ${event.data.state}`);

describe('an invocation’s lifecycle: created at the click, terminated from the receiver’s answer', () => {
  it.each<[string, Answer[], string[]]>([
    ['200', [200], ['created', 'terminated completed']],
    ['202', [202], ['created', 'terminated completed']],
    ['503 then 200', [503, 200], ['created', 'created', 'terminated completed']],
    ['400 (final)', [400], ['created', 'terminated error']],
    ['410 (final)', [410], ['created', 'terminated error']],
    ['500 until no attempt is left', [500, 500, 500], ['created', 'created', 'created', 'terminated error']],
    [
      'no answer until no attempt is left',
      ['reset', 'reset', 'reset'],
      ['created', 'created', 'created', 'terminated error'],
    ],
  ])(
    'the first event answered %s: the follow-up’s state is the one that answer implies',
    async (_, answers, expected) => {
      const { send, drain, seen } = await setup(answers, {
        delivery: { timeoutSeconds: 16, maxAttempts: 3, giveUpAfterMinutes: 20 },
      });
      await send();
      await drain();
      const full = expected.map((item) => {
        const [kind, state] = item.split(' ');
        return `incident.action_invocation.${kind} ${state ?? 'created'}`;
      });
      expect(events(seen)).toEqual(full);
    },
  );

  it('each event has its own key, the same on every retry of it; both are signed; data.id stays the invocation', async () => {
    // created: 200; terminated: 503, then 200.
    const { db, send, drain, seen, invocation } = await setup([200, 503, 200]);
    await send();
    await drain();
    expect(events(seen)).toEqual([
      'incident.action_invocation.created created',
      'incident.action_invocation.terminated completed',
      'incident.action_invocation.terminated completed',
    ]);
    const [created, terminated, retried] = seen as [Seen, Seen, Seen];
    expect(created.key).toBe(invocation.id);
    expect(terminated.key).not.toBe(created.key);
    expect(retried.key).toBe(terminated.key);
    for (const request of seen) {
      expect(request.signed).toBe(true);
      expect(request.webhookId).toBe(request.key);
      expect(request.event.id).toBe(request.key);
      expect(request.event.data.id).toBe(invocation.id);
    }
    // Each event is a run of its own in the log, the follow-up naming the run it reports on.
    const rows = (await db.getAll('log')).sort((a, b) => Number(!!a.event?.followUpOf) - Number(!!b.event?.followUpOf));
    expect(rows.map((row) => [row.id, row.outcome, row.attemptCount, row.event])).toEqual([
      [created.key, 'delivered', 1, { type: 'incident.action_invocation.created', state: 'created' }],
      [
        terminated.key,
        'delivered',
        2,
        { type: 'incident.action_invocation.terminated', state: 'completed', followUpOf: created.key },
      ],
    ]);
    expect(await db.count('outbox')).toBe(0);
    // The history keeps the follow-up's request as sent (secrets masked), as it does the first event's.
    const kept = await db.get('logDetails', terminated.key);
    expect(JSON.parse(kept?.request?.body ?? '{}').event).toMatchObject({
      id: terminated.key,
      data: { state: 'completed' },
    });
    expect(kept?.request?.headers).toContainEqual(['Idempotency-Key', terminated.key]);
  });

  it('a later click of the action on the incident waits behind the first one’s follow-up, which keeps its place', async () => {
    // The first click: created 200; its terminated: 503 (retried later). Then a second click, and the rest 200.
    const { send, drain, seen, clock } = await setup([200, 503]);
    await send();
    await poll(() => seen.length === 2);
    expect((await send(newInvocation(clock.now))).ok).toBe(true);
    await drain();
    expect(events(seen)).toEqual([
      'incident.action_invocation.created created',
      'incident.action_invocation.terminated completed',
      'incident.action_invocation.terminated completed',
      'incident.action_invocation.created created',
      'incident.action_invocation.terminated completed',
    ]);
    const [first, terminated, retried, second] = seen as [Seen, Seen, Seen, Seen];
    expect(retried.key).toBe(terminated.key);
    expect(new Set([first.key, terminated.key, second.key]).size).toBe(3);
  });

  it('a worker stopped during the follow-up: a new worker sends it, with the same key', async () => {
    // The first worker's follow-up request never gets an answer: the browser stopped the worker meanwhile.
    const { db, deps, send, seen, clock } = await setup([200, 'hang']);
    await send();
    await poll(() => seen.length === 2);
    deps.outbox.stop();
    const [lost] = seen.slice(1);
    expect(lost?.event.event_type).toBe('incident.action_invocation.terminated');

    const later = receiver([200]);
    const fresh = createOutbox({
      ...deps,
      fetch: later.fetch,
      now: () => clock.now,
      wakeAt: () => {},
      onLogChanged: () => {},
    });
    stops.push(fresh.stop);
    const [queued] = await db.getAll('outbox');
    clock.now = queued?.leaseUntil ?? clock.now; // the lost attempt's lease ends
    await fresh.runDue();
    expect(events(later.seen)).toEqual(['incident.action_invocation.terminated completed']);
    expect(later.seen[0]?.key).toBe(lost?.key);
    expect(later.seen[0]?.signed).toBe(true);
    const details = await db.get('logDetails', lost?.key ?? '');
    expect(details?.attempts.map((attempt) => attempt.outcome)).toEqual(['interrupted', 'delivered']);
    expect(await db.count('outbox')).toBe(0);
  });

  it('nothing sent, nothing observed: a run refused before any request sends no follow-up', async () => {
    const { db, send, drain, seen } = await setup([200], {}, false);
    const delivery = await send();
    await drain();
    expect(delivery.ok && delivery.value.outcome).toBe('not-sent');
    expect(seen).toEqual([]);
    expect(await db.count('log')).toBe(1);
  });

  it('the modal’s preview names the follow-ups the responder confirms with the first event', async () => {
    const { db, invocation } = await setup([200]);
    const [action] = await db.getAll('actions');
    const preview = await previewAction(db, action?.id ?? '', makeIncident(), undefined, invocation);
    expect(preview.ok && preview.value.followUps).toEqual([
      'Then incident.action_invocation.terminated, state “completed”, if the receiver answers 2xx',
      'Then incident.action_invocation.terminated, state “error”, if the run fails',
    ]);
  });

  it('an action without a lifecycle sends one event, keyed by the invocation, as before', async () => {
    const plain = actionFrom('pagerduty-v3-incident', { url: 'https://hooks.example.com/pd' });
    const { send, drain, seen, invocation } = await setup([200], plain);
    await send();
    await drain();
    expect(seen.map((request) => request.key)).toEqual([invocation.id]);
  });
});
