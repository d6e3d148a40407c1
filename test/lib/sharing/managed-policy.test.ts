// @vitest-environment node
// The browser policy (storage.managed): a locked config and subscriptions fetched from a real HTTPS server.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '@/lib/model/action';
import { CONFIG_FORMAT } from '@/lib/sharing/config-file';
import { applyManagedPolicy } from '@/lib/sharing/managed-policy';
import { listSubscriptions, settlePending, subscribe, unsubscribe } from '@/lib/sharing/subscriptions';
import { deleteAction, listActions, saveAction } from '@/lib/storage/actions-store';
import { getConstants } from '@/lib/storage/constants-store';
import type { Database } from '@/lib/storage/database';
import { listSiteFixes, saveOwnFix } from '@/lib/storage/site-fixes-store';
import { freshDatabase, makeAction } from '../../support/builders';
import { config, DIAGNOSE, RESTART, useConfigServer } from '../../support/config-server';

const ALL_GRANTED = () => Promise.resolve(new Set(['<all_urls>']));
const server = useConfigServer();

let db: Database;
let now = Date.UTC(2026, 10, 24, 9);
const deps = () => ({ db, fetch, now: () => now, grantedOrigins: ALL_GRANTED });
beforeEach(async () => {
  db = await freshDatabase();
  now = Date.UTC(2026, 10, 24, 9);
});

describe('the browser policy (storage.managed)', () => {
  const policyConfig = (actions: Partial<Action>[]) => JSON.parse(config(actions));

  it('locks its actions, follows its subscriptions, and removes what a later policy drops', async () => {
    server.answers = [{ status: 200, body: config([DIAGNOSE]), etag: '"p"' }];
    let managed: Record<string, unknown> = {
      config: policyConfig([RESTART]),
      subscriptions: [{ url: `${server.base}/org.json`, refreshMinutes: 30 }],
    };
    const policyDeps = { ...deps(), readManaged: () => Promise.resolve(managed) };
    const outcome = await applyManagedPolicy(policyDeps);
    expect(outcome.config).toBe('actions: 1 added');
    expect(outcome.subscriptions).toEqual([`${server.base}/org.json: actions: 1 added`]);

    const locked = (await listActions(db)).find((a) => a.id === 'policy:restart') as Action;
    expect(locked.managedBy).toEqual({ kind: 'policy' });
    await expect(saveAction(db, { ...locked, enabled: false })).rejects.toThrow(/locked by your organization/);
    await expect(deleteAction(db, locked.id)).rejects.toThrow(/locked by your organization/);
    const [subscription] = await listSubscriptions(db);
    expect(subscription).toMatchObject({ fromPolicy: true, refreshMinutes: 30 });
    await expect(unsubscribe(db, subscription?.id as string)).rejects.toThrow(/set by your organization/);

    // A policy with a broken config keeps the locked actions it had.
    managed = { config: { version: 2, format: CONFIG_FORMAT, actions: [{ id: 'x' }] } };
    const refused = await applyManagedPolicy({ ...policyDeps, readManaged: () => Promise.resolve(managed) });
    expect(refused.config).toMatch(/refused, the locked actions are kept:\n\$\.actions\[0\]/);
    expect((await listActions(db)).some((a) => a.id === 'policy:restart')).toBe(true);

    // No policy at all: no locked actions, no policy subscriptions; the user's own actions stay.
    await saveAction(db, makeAction({ id: 'mine', label: 'My own' }));
    await applyManagedPolicy({ ...policyDeps, readManaged: () => Promise.resolve({}) });
    expect((await listActions(db)).map((a) => a.id)).toEqual(['mine']);
    expect(await listSubscriptions(db)).toEqual([]);
  });

  it('reads nothing from a browser without managed storage (Firefox throws), and changes nothing', async () => {
    await saveAction(db, makeAction({ id: 'mine' }));
    const outcome = await applyManagedPolicy({
      ...deps(),
      readManaged: () => Promise.reject(new Error('Managed storage manifest not found')),
    });
    expect(outcome).toEqual({ config: 'nothing changed', subscriptions: [] });
    expect((await listActions(db)).map((a) => a.id)).toEqual(['mine']);
  });
});

describe('site fixes through the policy and subscriptions', () => {
  const FIX = { site: 'pagerduty', dockSelector: '[data-testid="incidentHeader"]', fields: [] };

  it('the policy’s fix is locked: a responder’s pick is refused; a later policy without it unlocks the site', async () => {
    const withFix = { ...JSON.parse(config([RESTART])), siteFixes: [FIX] };
    let managed: Record<string, unknown> = { config: withFix };
    const policyDeps = { ...deps(), readManaged: () => Promise.resolve(managed) };
    expect((await applyManagedPolicy(policyDeps)).config).toBe('actions: 1 added; site fixes: 1 added');
    expect(await saveOwnFix(db, 'pagerduty', { dockSelector: '#mine' }, now)).toEqual({
      ok: false,
      error: "Your organization's policy fixes how this site is read",
    });
    managed = { config: JSON.parse(config([RESTART])) };
    expect((await applyManagedPolicy(policyDeps)).config).toBe('site fixes: 1 removed');
    expect(await saveOwnFix(db, 'pagerduty', { dockSelector: '#mine' }, now)).toMatchObject({ ok: true });
  });

  it('a subscription’s fixes go when it is unsubscribed, the user’s own stay', async () => {
    server.answers = [{ status: 200, body: JSON.stringify({ ...JSON.parse(config([DIAGNOSE])), siteFixes: [FIX] }) }];
    const subscribed = await subscribe(deps(), `${server.base}/team.json`);
    // The fix waits for the user's consent (design rule 11); accepted, it is the subscription's.
    expect(subscribed.ok && subscribed.value.summary).toBe(
      'actions: 1 added; waiting for your review: site fixes: 1 added',
    );
    expect(await listSiteFixes(db)).toEqual([]);
    const id = subscribed.ok ? subscribed.value.subscription.id : '';
    expect(await settlePending(deps(), id, true)).toBe('Accepted: site fixes: 1 added');
    expect((await listSiteFixes(db)).map((fix) => fix.id)).toEqual([`${id}:pagerduty`]);
    await saveOwnFix(db, 'opsgenie', { dockSelector: '.alert-actions' }, now);
    await unsubscribe(db, subscribed.ok ? subscribed.value.subscription.id : '');
    expect((await listSiteFixes(db)).map((fix) => fix.id)).toEqual(['opsgenie']);
  });
});

describe('constants the policy set', () => {
  it('no team subscription changes them, even with the user’s consent', async () => {
    const managed = { config: { ...JSON.parse(config([RESTART])), constants: [{ name: 'env', value: 'prod' }] } };
    await applyManagedPolicy({ ...deps(), readManaged: () => Promise.resolve(managed) });
    server.answers = [
      {
        status: 200,
        body: JSON.stringify({
          ...JSON.parse(config([DIAGNOSE])),
          constants: [
            { name: 'env', value: 'evil' },
            { name: 'team', value: 'sre' },
          ],
        }),
      },
    ];
    const subscribed = await subscribe(deps(), `${server.base}/team.json`);
    // Only the constant the policy did not set waits for review.
    expect(subscribed.ok && subscribed.value.summary).toBe(
      'actions: 1 added; waiting for your review: constants: 1 added',
    );
    await settlePending(deps(), subscribed.ok ? subscribed.value.subscription.id : '', true);
    expect(await getConstants(db)).toEqual([
      { name: 'env', value: 'prod' },
      { name: 'team', value: 'sre' },
    ]);
  });
});
