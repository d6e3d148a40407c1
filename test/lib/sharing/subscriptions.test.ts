// @vitest-environment node
// Node's own fetch against a real HTTPS server: ETag, 304, failures and redirects as a browser meets them.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '@/lib/model/action';
import type { Subscription } from '@/lib/model/subscription';
import {
  listSubscriptions,
  pendingPlan,
  refreshDueSubscriptions,
  refreshSubscription,
  settlePending,
  subscribe,
  unsubscribe,
} from '@/lib/sharing/subscriptions';
import { deleteAction, listActions, saveAction } from '@/lib/storage/actions-store';
import { getConstants, saveConstants } from '@/lib/storage/constants-store';
import type { Database } from '@/lib/storage/database';
import { freshDatabase, makeAction } from '../../support/builders';
import { type Answer, config, DIAGNOSE, RESTART, useConfigServer } from '../../support/config-server';

const ALL_GRANTED = () => Promise.resolve(new Set(['<all_urls>']));
const server = useConfigServer();

let db: Database;
let now = Date.UTC(2026, 10, 24, 9);
const deps = () => ({ db, fetch, now: () => now, grantedOrigins: ALL_GRANTED });
beforeEach(async () => {
  db = await freshDatabase();
  now = Date.UTC(2026, 10, 24, 9);
});

describe('team subscriptions over HTTPS', () => {
  it('subscribes: the actions arrive read-only, under the subscription, and the ETag is kept', async () => {
    server.answers = [{ status: 200, body: config([RESTART, DIAGNOSE]), etag: '"v1"' }];
    const result = await subscribe(deps(), `${server.base}/team.json`, 60);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.summary).toBe('actions: 2 added');
    const [subscription] = await listSubscriptions(db);
    expect(subscription).toMatchObject({ url: `${server.base}/team.json`, etag: '"v1"', lastGoodAt: now });
    const actions = await listActions(db);
    expect(actions.map((a) => a.id).sort()).toEqual([`${subscription?.id}:diagnose`, `${subscription?.id}:restart`]);
    expect(actions.every((a) => a.managedBy?.kind === 'subscription')).toBe(true);
    // Read-only: neither editing nor deleting is the user's.
    await expect(saveAction(db, { ...(actions[0] as Action), label: 'Mine now' })).rejects.toThrow(/duplicate it/);
    await expect(deleteAction(db, actions[0]?.id as string)).rejects.toThrow(/team subscription/);
  });

  it('refreshes: sends If-None-Match, a 304 changes nothing, a new version says what changed', async () => {
    server.answers = [{ status: 200, body: config([RESTART, DIAGNOSE]), etag: '"v1"' }];
    const subscribed = await subscribe(deps(), `${server.base}/team.json`);
    const id = subscribed.ok ? subscribed.value.subscription.id : '';
    const before = await listActions(db);

    now += 3_600_000;
    server.answers = [{ status: 200, body: 'unused', etag: '"v1"' }];
    expect(await refreshSubscription(deps(), id)).toEqual({ kind: 'not-modified' });
    expect(server.asked.at(-1)?.ifNoneMatch).toBe('"v1"');
    expect(await listActions(db)).toEqual(before);
    expect((await listSubscriptions(db))[0]?.lastCheckedAt).toBe(now);

    now += 3_600_000;
    server.answers = [
      {
        status: 200,
        body: config([
          { ...RESTART, label: 'Restart web tier' },
          { id: 'revert', label: 'Revert deploy', url: RESTART.url },
        ]),
        etag: '"v2"',
      },
    ];
    expect(await refreshSubscription(deps(), id)).toEqual({
      kind: 'updated',
      summary: 'actions: 1 added, 1 changed, 1 removed',
    });
    const labels = (await listActions(db)).map((a) => a.label).sort();
    expect(labels).toEqual(['Restart web tier', 'Revert deploy']);
    const [state] = await listSubscriptions(db);
    expect(state).toMatchObject({ etag: '"v2"', lastGoodAt: now });
    expect(state?.lastChange).toContain('actions: 1 added, 1 changed, 1 removed');
  });

  it('keeps the last good config, and says so, when the server fails, is unreachable or serves a bad file', async () => {
    server.answers = [{ status: 200, body: config([RESTART]), etag: '"v1"' }];
    const subscribed = await subscribe(deps(), `${server.base}/team.json`);
    const id = subscribed.ok ? subscribed.value.subscription.id : '';
    const goodAt = now;
    const good = await listActions(db);

    const failures: [Answer | 'down', RegExp][] = [
      [{ status: 503 }, /answered HTTP 503/],
      [
        { status: 200, body: '{"format": "incident-actions/config", "version": 2, "actions": [{"id": 1}]}' },
        /\$\.actions\[0\]\.id/,
      ],
      [{ status: 200, body: '{"version": 9, "actions": []}' }, /newer Incident Actions/],
      [{ status: 200, body: '{"__proto__": {"polluted": true}, "version": 2}' }, /"__proto__" is refused/],
      [{ status: 200, body: 'x'.repeat(5 * 1024 * 1024 + 1) }, /at most 5 MB/],
    ];
    for (const [answer, reason] of failures) {
      now += 60_000;
      server.answers = answer === 'down' ? [] : [answer];
      const outcome = await refreshSubscription(deps(), id);
      expect(outcome.kind).toBe('failed');
      const [state] = await listSubscriptions(db);
      expect(state?.lastError).toMatch(reason);
      expect(state?.lastError).toContain(`Keeping the config fetched ${new Date(goodAt).toISOString()}`);
      expect(state?.lastGoodAt).toBe(goodAt);
      expect(await listActions(db)).toEqual(good);
    }

    // Unreachable: nothing listens there any more.
    const moved = (url: string) => listSubscriptions(db).then(([first]) => ({ ...(first as Subscription), url }));
    await db.put('subscriptions', await moved('https://127.0.0.1:1/team.json'));
    expect(await refreshSubscription(deps(), id)).toMatchObject({ kind: 'failed', error: /Could not reach/ });
    expect(await listActions(db)).toEqual(good);

    // The next good answer clears the error.
    await db.put('subscriptions', await moved(`${server.base}/team.json`));
    server.answers = [{ status: 200, body: config([RESTART]), etag: '"v3"' }];
    expect((await refreshSubscription(deps(), id)).kind).toBe('updated');
    expect((await listSubscriptions(db))[0]?.lastError).toBeUndefined();
  });

  it('refuses a first fetch that fails, and non-HTTPS URLs, saving nothing', async () => {
    server.answers = [{ status: 404 }];
    expect(await subscribe(deps(), `${server.base}/missing.json`)).toMatchObject({ ok: false, error: /HTTP 404/ });
    expect(await subscribe(deps(), 'http://config.example.com/team.json')).toMatchObject({
      ok: false,
      error: /https:\/\//,
    });
    expect(await listSubscriptions(db)).toEqual([]);
    expect(await listActions(db)).toEqual([]);
  });

  it('refreshes on schedule only the subscriptions that are due, and unsubscribing removes their actions', async () => {
    server.answers = [
      { status: 200, body: config([RESTART]), etag: '"a"' },
      { status: 200, body: config([DIAGNOSE]), etag: '"b"' },
    ];
    const hourly = await subscribe(deps(), `${server.base}/hourly.json`, 60);
    const daily = await subscribe(deps(), `${server.base}/daily.json`, 1440);
    server.asked = [];
    now += 61 * 60_000;
    server.answers = [{ status: 200, body: '', etag: '"a"' }];
    await refreshDueSubscriptions(deps());
    expect(server.asked.map((a) => a.path)).toEqual(['/hourly.json']);

    const mine = makeAction({ id: 'mine', label: 'My own' });
    await saveAction(db, mine);
    await unsubscribe(db, hourly.ok ? hourly.value.subscription.id : '');
    expect((await listActions(db)).map((a) => a.label).sort()).toEqual(['Collect diagnostics', 'My own']);
    expect((await listSubscriptions(db)).map((s) => s.id)).toEqual([daily.ok ? daily.value.subscription.id : '']);
  });
});

describe('consent for what every action reads (design rule 11)', () => {
  const withConstant = (value: string) =>
    JSON.stringify({ ...JSON.parse(config([RESTART])), constants: [{ name: 'env', value }] });

  it('a team config changes its own actions at once, but a constant only once the user accepts it', async () => {
    await saveConstants(db, [{ name: 'env', value: 'prod' }]);
    server.answers = [{ status: 200, body: withConstant('evil'), etag: '"v1"' }];
    const subscribed = await subscribe(deps(), `${server.base}/team.json`);
    expect(subscribed.ok && subscribed.value.summary).toBe(
      'actions: 1 added; waiting for your review: constants: 1 changed',
    );
    const id = subscribed.ok ? subscribed.value.subscription.id : '';
    // The action is there; the user's constant is not touched.
    expect((await listActions(db)).map((action) => action.id)).toEqual([`${id}:restart`]);
    expect(await getConstants(db)).toEqual([{ name: 'env', value: 'prod' }]);
    const plan = await pendingPlan(deps(), id);
    expect(plan?.constants.changed.map((change) => change.fields)).toEqual([
      [{ path: '.value', before: 'prod', after: 'evil' }],
    ]);
    expect(plan?.actions.added).toEqual([]);

    // Dismissed: nothing changes, and nothing waits.
    expect(await settlePending(deps(), id, false)).toBe('Dismissed: nothing changed');
    expect(await getConstants(db)).toEqual([{ name: 'env', value: 'prod' }]);
    expect((await listSubscriptions(db))[0]?.pending).toBeUndefined();

    // A new version asks again; accepted, it applies what the preview showed.
    now += 3_600_000;
    server.answers = [{ status: 200, body: withConstant('staging'), etag: '"v2"' }];
    expect(await refreshSubscription(deps(), id)).toEqual({
      kind: 'updated',
      summary: 'nothing changed; waiting for your review: constants: 1 changed',
    });
    expect(await settlePending(deps(), id, true)).toBe('Accepted: constants: 1 changed');
    expect(await getConstants(db)).toEqual([{ name: 'env', value: 'staging' }]);
  });

  it('the policy’s subscriptions apply at once: an admin locked them', async () => {
    server.answers = [{ status: 200, body: withConstant('from-admin') }];
    const subscribed = await subscribe(deps(), `${server.base}/org.json`, 60, true);
    expect(subscribed.ok && subscribed.value.summary).toBe('actions: 1 added; constants: 1 added');
    expect(await getConstants(db)).toEqual([{ name: 'env', value: 'from-admin' }]);
  });
});
