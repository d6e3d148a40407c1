// @vitest-environment node
// Node's own fetch against a real HTTPS server: ETag, 304, failures and redirects as a browser meets them.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '@/lib/model/action';
import type { Subscription } from '@/lib/model/subscription';
import { CONFIG_FORMAT, CONFIG_VERSION } from '@/lib/sharing/config-file';
import { applyManagedPolicy } from '@/lib/sharing/managed-policy';
import {
  listSubscriptions,
  refreshDueSubscriptions,
  refreshSubscription,
  subscribe,
  unsubscribe,
} from '@/lib/sharing/subscriptions';
import { deleteAction, listActions, saveAction } from '@/lib/storage/actions-store';
import type { Database } from '@/lib/storage/database';
import { freshDatabase, makeAction } from '../../support/builders';

const TLS = new URL('../../support/tls/', import.meta.url);
const ALL_GRANTED = () => Promise.resolve(new Set(['<all_urls>']));

/** A team's config server: answers what `next` says, and records what it was asked. */
interface Answer {
  status: number;
  body?: string;
  etag?: string;
  headers?: Record<string, string>;
}
let server: Server;
let base = '';
let answers: Answer[] = [];
let asked: { path: string; ifNoneMatch?: string }[] = [];

beforeAll(async () => {
  const cert = readFileSync(new URL('localhost.crt', TLS), 'utf8');
  // The fixture's self-signed certificate is trusted by this test process only.
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), cert]);
  server = createServer({ key: readFileSync(new URL('localhost.key', TLS)), cert }, (request, response) => {
    asked.push({ path: request.url ?? '', ifNoneMatch: request.headers['if-none-match'] as string | undefined });
    const answer = answers.shift() ?? { status: 500 };
    if (request.headers['if-none-match'] && request.headers['if-none-match'] === answer.etag) {
      response.writeHead(304, { etag: answer.etag }).end();
      return;
    }
    response
      .writeHead(answer.status, { ...(answer.etag ? { etag: answer.etag } : {}), ...answer.headers })
      .end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

let db: Database;
let now = Date.UTC(2026, 10, 24, 9);
const deps = () => ({ db, fetch, now: () => now, grantedOrigins: ALL_GRANTED });
beforeEach(async () => {
  db = await freshDatabase();
  answers = [];
  asked = [];
  now = Date.UTC(2026, 10, 24, 9);
});

const config = (actions: Partial<Action>[]) =>
  JSON.stringify({
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    actions: actions.map((overrides) => {
      const { createdAt: _c, updatedAt: _u, ...action } = makeAction(overrides);
      return action;
    }),
  });

const RESTART = { id: 'restart', label: 'Restart web', url: 'https://rundeck.example.com/api/restart' };
const DIAGNOSE = { id: 'diagnose', label: 'Collect diagnostics', url: 'https://rundeck.example.com/api/diag' };

describe('team subscriptions over HTTPS', () => {
  it('subscribes: the actions arrive read-only, under the subscription, and the ETag is kept', async () => {
    answers = [{ status: 200, body: config([RESTART, DIAGNOSE]), etag: '"v1"' }];
    const result = await subscribe(deps(), `${base}/team.json`, 60);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.summary).toBe('actions: 2 added');
    const [subscription] = await listSubscriptions(db);
    expect(subscription).toMatchObject({ url: `${base}/team.json`, etag: '"v1"', lastGoodAt: now });
    const actions = await listActions(db);
    expect(actions.map((a) => a.id).sort()).toEqual([`${subscription?.id}:diagnose`, `${subscription?.id}:restart`]);
    expect(actions.every((a) => a.managedBy?.kind === 'subscription')).toBe(true);
    // Read-only: neither editing nor deleting is the user's.
    await expect(saveAction(db, { ...(actions[0] as Action), label: 'Mine now' })).rejects.toThrow(/duplicate it/);
    await expect(deleteAction(db, actions[0]?.id as string)).rejects.toThrow(/team subscription/);
  });

  it('refreshes: sends If-None-Match, a 304 changes nothing, a new version says what changed', async () => {
    answers = [{ status: 200, body: config([RESTART, DIAGNOSE]), etag: '"v1"' }];
    const subscribed = await subscribe(deps(), `${base}/team.json`);
    const id = subscribed.ok ? subscribed.value.subscription.id : '';
    const before = await listActions(db);

    now += 3_600_000;
    answers = [{ status: 200, body: 'unused', etag: '"v1"' }];
    expect(await refreshSubscription(deps(), id)).toEqual({ kind: 'not-modified' });
    expect(asked.at(-1)?.ifNoneMatch).toBe('"v1"');
    expect(await listActions(db)).toEqual(before);
    expect((await listSubscriptions(db))[0]?.lastCheckedAt).toBe(now);

    now += 3_600_000;
    answers = [
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
    answers = [{ status: 200, body: config([RESTART]), etag: '"v1"' }];
    const subscribed = await subscribe(deps(), `${base}/team.json`);
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
      answers = answer === 'down' ? [] : [answer];
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
    await db.put('subscriptions', await moved(`${base}/team.json`));
    answers = [{ status: 200, body: config([RESTART]), etag: '"v3"' }];
    expect((await refreshSubscription(deps(), id)).kind).toBe('updated');
    expect((await listSubscriptions(db))[0]?.lastError).toBeUndefined();
  });

  it('refuses a first fetch that fails, and non-HTTPS URLs, saving nothing', async () => {
    answers = [{ status: 404 }];
    expect(await subscribe(deps(), `${base}/missing.json`)).toMatchObject({ ok: false, error: /HTTP 404/ });
    expect(await subscribe(deps(), 'http://config.example.com/team.json')).toMatchObject({
      ok: false,
      error: /https:\/\//,
    });
    expect(await listSubscriptions(db)).toEqual([]);
    expect(await listActions(db)).toEqual([]);
  });

  it('refreshes on schedule only the subscriptions that are due, and unsubscribing removes their actions', async () => {
    answers = [
      { status: 200, body: config([RESTART]), etag: '"a"' },
      { status: 200, body: config([DIAGNOSE]), etag: '"b"' },
    ];
    const hourly = await subscribe(deps(), `${base}/hourly.json`, 60);
    const daily = await subscribe(deps(), `${base}/daily.json`, 1440);
    asked = [];
    now += 61 * 60_000;
    answers = [{ status: 200, body: '', etag: '"a"' }];
    await refreshDueSubscriptions(deps());
    expect(asked.map((a) => a.path)).toEqual(['/hourly.json']);

    const mine = makeAction({ id: 'mine', label: 'My own' });
    await saveAction(db, mine);
    await unsubscribe(db, hourly.ok ? hourly.value.subscription.id : '');
    expect((await listActions(db)).map((a) => a.label).sort()).toEqual(['Collect diagnostics', 'My own']);
    expect((await listSubscriptions(db)).map((s) => s.id)).toEqual([daily.ok ? daily.value.subscription.id : '']);
  });
});

describe('the browser policy (storage.managed)', () => {
  const policyConfig = (actions: Partial<Action>[]) => JSON.parse(config(actions));

  it('locks its actions, follows its subscriptions, and removes what a later policy drops', async () => {
    answers = [{ status: 200, body: config([DIAGNOSE]), etag: '"p"' }];
    let managed: Record<string, unknown> = {
      config: policyConfig([RESTART]),
      subscriptions: [{ url: `${base}/org.json`, refreshMinutes: 30 }],
    };
    const policyDeps = { ...deps(), readManaged: () => Promise.resolve(managed) };
    const outcome = await applyManagedPolicy(policyDeps);
    expect(outcome.config).toBe('actions: 1 added');
    expect(outcome.subscriptions).toEqual([`${base}/org.json: actions: 1 added`]);

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
