import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type ChangeSignal, onChange } from '@/lib/messaging/change-signals';
import type { CustomSite } from '@/lib/model/custom-site';
import type { LogEntry } from '@/lib/model/log-entry';
import type { Subscription } from '@/lib/model/subscription';
import { deleteAction, enableAfterGrant, listActions, saveAction } from '@/lib/storage/actions-store';
import { deleteApiAccess, listApiAccess, saveApiAccess } from '@/lib/storage/api-access-store';
import { writeConfig } from '@/lib/storage/config-store';
import { getConstants, saveConstants } from '@/lib/storage/constants-store';
import type { Database } from '@/lib/storage/database';
import { addFinalLogEntry } from '@/lib/storage/log-store';
import { getRetention, pruneByRetention, saveRetention } from '@/lib/storage/retention-store';
import { deleteSecret, listSecrets, saveSecret } from '@/lib/storage/secrets-store';
import { deleteCustomSite, listCustomSites, saveCustomSite } from '@/lib/storage/sites-store';
import { deleteSubscription, saveSubscriptionState } from '@/lib/storage/subscriptions-store';
import { freshDatabase, makeAction } from '../../support/builders';

/**
 * The stores announce their own writes, so the options page, the content scripts and the background need
 * not. Each test listens as a reader does and checks which signals came, and that what it reloads on the
 * ping is the write.
 */

let db: Database;
/** The signal keys of each storage.local change, in order. */
let heard: string[][];

beforeEach(async () => {
  db = await freshDatabase();
  heard = [];
  fakeBrowser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local') heard.push(Object.keys(changes).sort());
  });
});

afterEach(() => {
  db.close();
  fakeBrowser.reset();
});

/** Runs `read` when `signal` comes, as a reader that reloads does; resolves to what it read. */
function reloadOn<T>(signal: ChangeSignal, read: () => Promise<T>): Promise<T> {
  return new Promise((resolve) => {
    const stop = onChange(signal, () => {
      stop();
      void read().then(resolve);
    });
  });
}

const site = (overrides: Partial<CustomSite> = {}): CustomSite => ({
  id: 'acme',
  name: 'Acme On-call',
  urlPattern: 'https://oncall.internal.example/*',
  incidentIdRegex: '^/incidents/(INC-[0-9]+)',
  fields: [],
  createdAt: 1,
  updatedAt: 1,
  ...overrides,
});

const subscription = (overrides: Partial<Subscription> = {}): Subscription => ({
  id: 'sub-0000abcd',
  url: 'https://config.example.com/ia.json',
  refreshMinutes: 60,
  createdAt: 1,
  ...overrides,
});

const run = (id: string, createdAt: number): LogEntry => ({
  id,
  actionId: 'a1',
  actionLabel: 'Restart',
  incident: { site: 'pagerduty', id: 'Q1', url: 'https://acme.pagerduty.com/incidents/Q1' },
  outcome: 'delivered',
  attemptCount: 1,
  createdAt,
});

const NO_WRITES = { putActions: [], deleteActions: [], putSites: [], deleteSites: [], putSecrets: [] };

describe('what changes the buttons an incident shows announces actionsChangedAt', () => {
  it('saving, enabling and deleting an action, each once it is readable', async () => {
    const action = makeAction({ id: 'restart', label: 'Restart web' });
    const listed = reloadOn('actionsChangedAt', () => listActions(db));
    await saveAction(db, action);
    expect((await listed).map((saved) => saved.label)).toEqual(['Restart web']);

    await db.put('actions', makeAction({ id: 'waiting', enabled: false, awaitingGrant: true }));
    const enabled = reloadOn('actionsChangedAt', () => listActions(db));
    await enableAfterGrant(db, 'waiting');
    expect((await enabled).find((saved) => saved.id === 'waiting')?.enabled).toBe(true);

    const afterDelete = reloadOn('actionsChangedAt', () => listActions(db));
    await deleteAction(db, 'restart');
    expect((await afterDelete).map((saved) => saved.id)).toEqual(['waiting']);
    expect(heard).toEqual([['actionsChangedAt'], ['actionsChangedAt'], ['actionsChangedAt']]);
  });

  it('not enabling an action that waits for nothing', async () => {
    await db.put('actions', makeAction({ id: 'own', enabled: false }));
    await enableAfterGrant(db, 'own');
    await enableAfterGrant(db, 'missing');
    expect(heard).toEqual([]);
  });

  it('saving the constants', async () => {
    const read = reloadOn('actionsChangedAt', () => getConstants(db));
    await saveConstants(db, [{ name: 'env', value: 'prod' }]);
    expect(await read).toEqual([{ name: 'env', value: 'prod' }]);
    expect(heard).toEqual([['actionsChangedAt']]);
  });

  it('saving and removing a custom site', async () => {
    const added = reloadOn('actionsChangedAt', () => listCustomSites(db));
    await saveCustomSite(db, site());
    expect((await added).map((saved) => saved.id)).toEqual(['acme']);
    const removed = reloadOn('actionsChangedAt', () => listCustomSites(db));
    await deleteCustomSite(db, 'acme');
    expect(await removed).toEqual([]);
    expect(heard).toEqual([['actionsChangedAt'], ['actionsChangedAt']]);
  });
});

describe('what only the options page shows announces settingsChangedAt, which content scripts ignore', () => {
  it('saving and deleting a secret', async () => {
    const buttons = vi.fn();
    onChange('actionsChangedAt', buttons);
    const saved = reloadOn('settingsChangedAt', () => listSecrets(db));
    await saveSecret(db, { name: 'api_token', value: 's3cret', savedAt: 1 });
    expect((await saved).map((secret) => secret.name)).toEqual(['api_token']);
    const deleted = reloadOn('settingsChangedAt', () => listSecrets(db));
    await deleteSecret(db, 'api_token');
    expect(await deleted).toEqual([]);
    expect(heard).toEqual([['settingsChangedAt'], ['settingsChangedAt']]);
    expect(buttons).not.toHaveBeenCalled();
  });

  it('saving and removing an API token', async () => {
    const saved = reloadOn('settingsChangedAt', () => listApiAccess(db));
    await saveApiAccess(db, {
      site: 'pagerduty',
      base: 'https://api.pagerduty.com',
      token: 'u+abcdefgh1234',
      savedAt: 1,
    });
    expect((await saved).map((access) => access.tokenEnd)).toEqual(['1234']);
    const removed = reloadOn('settingsChangedAt', () => listApiAccess(db));
    await deleteApiAccess(db, 'pagerduty');
    expect(await removed).toEqual([]);
    expect(heard).toEqual([['settingsChangedAt'], ['settingsChangedAt']]);
  });

  it('saving the retention limits; pruning by them announces the log, only when a run went', async () => {
    await addFinalLogEntry(db, run('old', 1), { id: 'old', attempts: [] });
    await addFinalLogEntry(db, run('new', 10 * 24 * 60 * 60 * 1000), { id: 'new', attempts: [] });
    const saved = reloadOn('settingsChangedAt', () => getRetention(db));
    await saveRetention(db, { maxEntries: 100, maxAgeDays: 1 });
    expect(await saved).toEqual({ maxEntries: 100, maxAgeDays: 1 });

    const log = reloadOn('logChangedAt', () => db.getAllKeys('log'));
    expect(await pruneByRetention(db, 10 * 24 * 60 * 60 * 1000)).toBe(1);
    expect(await log).toEqual(['new']);
    expect(await pruneByRetention(db, 10 * 24 * 60 * 60 * 1000)).toBe(0);
    expect(heard).toEqual([['settingsChangedAt'], ['logChangedAt']]);
  });

  it("a subscription's state after a check, only while it is still there", async () => {
    await db.put('subscriptions', subscription());
    const read = reloadOn('settingsChangedAt', () => db.get('subscriptions', 'sub-0000abcd'));
    await saveSubscriptionState(db, subscription({ lastCheckedAt: 5 }));
    expect((await read)?.lastCheckedAt).toBe(5);
    await saveSubscriptionState(db, subscription({ id: 'sub-0000ffff' }));
    expect(await db.get('subscriptions', 'sub-0000ffff')).toBeUndefined();
    expect(heard).toEqual([['settingsChangedAt']]);
  });
});

describe('a write to several stores announces each signal it concerns, in one change', () => {
  it('unsubscribing: the subscription and its actions', async () => {
    await db.put('subscriptions', subscription());
    await db.put(
      'actions',
      makeAction({ id: 'sub-0000abcd:restart', managedBy: { kind: 'subscription', subscriptionId: 'sub-0000abcd' } }),
    );
    const listener = vi.fn();
    onChange(['actionsChangedAt', 'settingsChangedAt'], listener);
    const actions = reloadOn('actionsChangedAt', () => listActions(db));
    await deleteSubscription(db, 'sub-0000abcd');
    expect(await actions).toEqual([]);
    expect(heard).toEqual([['actionsChangedAt', 'settingsChangedAt']]);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('writeConfig: what it wrote decides the signals; writing nothing announces nothing', async () => {
    await writeConfig(db, NO_WRITES);
    expect(heard).toEqual([]);

    const actions = reloadOn('actionsChangedAt', () => listActions(db));
    await writeConfig(db, { ...NO_WRITES, putActions: [makeAction({ id: 'restart' })] });
    expect((await actions).map((action) => action.id)).toEqual(['restart']);

    await writeConfig(db, {
      ...NO_WRITES,
      putSecrets: [{ name: 'api_token', value: 's3cret', savedAt: 1, origins: [] }],
    });
    await writeConfig(db, { ...NO_WRITES, constants: [] });
    await writeConfig(db, { ...NO_WRITES, deleteSites: ['gone'], subscription: subscription() });
    expect(heard).toEqual([
      ['actionsChangedAt'],
      ['settingsChangedAt'],
      ['actionsChangedAt'],
      ['actionsChangedAt', 'settingsChangedAt'],
    ]);
  });
});

describe('a write that fails announces nothing', () => {
  it('an action the schema refuses, or one that is not the user’s to change or delete', async () => {
    await expect(saveAction(db, makeAction({ label: '' }))).rejects.toThrow();
    const managed = makeAction({ id: 'policy:page', label: 'Page DBA', managedBy: { kind: 'policy' } });
    await db.put('actions', managed);
    await expect(saveAction(db, { ...managed, managedBy: undefined })).rejects.toThrow(/locked by your organization/);
    await expect(deleteAction(db, 'policy:page')).rejects.toThrow(/locked by your organization/);
    expect(heard).toEqual([]);
  });

  it('constants, a secret, a site, an API token and retention limits the schemas refuse', async () => {
    await expect(saveConstants(db, [{ name: 'not a name!', value: 'x' }])).rejects.toThrow();
    await expect(saveSecret(db, { name: 'api_token', value: '', savedAt: 1 })).rejects.toThrow();
    await expect(saveCustomSite(db, site({ urlPattern: '<all_urls>' }))).rejects.toThrow();
    await expect(
      saveApiAccess(db, { site: 'pagerduty', base: 'http://api.example.com', token: 'u+abcdefgh1234', savedAt: 1 }),
    ).rejects.toThrow();
    await expect(saveRetention(db, { maxEntries: 1, maxAgeDays: 1 })).rejects.toThrow();
    expect(heard).toEqual([]);
  });

  it('writeConfig with one request refused: nothing is written, nothing announced', async () => {
    const keyless = { ...makeAction(), id: undefined } as unknown as ReturnType<typeof makeAction>;
    await expect(
      writeConfig(db, { ...NO_WRITES, putActions: [makeAction({ id: 'restart' }), keyless], constants: [] }),
    ).rejects.toThrow();
    expect(await listActions(db)).toEqual([]);
    expect(heard).toEqual([]);
  });

  it('unsubscribing from a subscription the policy set', async () => {
    await db.put('subscriptions', subscription({ fromPolicy: true }));
    await expect(deleteSubscription(db, 'sub-0000abcd')).rejects.toThrow(
      'This subscription is set by your organization',
    );
    expect(await db.get('subscriptions', 'sub-0000abcd')).toBeDefined();
    expect(heard).toEqual([]);
  });
});

describe('a ping that cannot be sent', () => {
  it('leaves the write standing and resolving, and is logged', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('storage is gone'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(saveConstants(db, [{ name: 'env', value: 'prod' }])).resolves.toEqual([
      { name: 'env', value: 'prod' },
    ]);
    expect(await getConstants(db)).toEqual([{ name: 'env', value: 'prod' }]);
    expect(warn).toHaveBeenCalledWith('Incident Actions: could not announce a change', expect.any(Error));
  });
});
