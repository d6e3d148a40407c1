import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { fail } from '@/lib/core/result';
import { createOutbox, type Outbox } from '@/lib/delivery/outbox-runner';
import { finishRun } from '@/lib/delivery/run-end';
import { announceChange, reportStorageFull } from '@/lib/messaging/change-signals';
import { isExtensionPage } from '@/lib/messaging/sender';
import type { LogEntry } from '@/lib/model/log-entry';
import type { OutboxItem } from '@/lib/model/outbox-item';
import { hasOriginPermission } from '@/lib/permissions/origins';
import { applyManagedPolicy } from '@/lib/sharing/managed-policy';
import { refreshDueSubscriptions } from '@/lib/sharing/subscriptions';
import { injectIntoOpenTabs, syncCustomSiteRegistrations } from '@/lib/sites/custom/registration.background';
import { INCIDENT_PAGE_MATCHES } from '@/lib/sites/registry';
import { type Database, openDatabase } from '@/lib/storage/database';
import { getLogEntry } from '@/lib/storage/log-store';
import { pruneByRetention } from '@/lib/storage/retention-store';
import { listCustomSites } from '@/lib/storage/sites-store';
import { handleContentMessage } from './content-messages';
import { handlePageMessage } from './page-messages';
import { testClock } from './test-clock';

const OUTBOX_ALARM = 'outbox';
const PRUNE_ALARM = 'prune-log';
// Each subscription has its own interval; this alarm only looks for the ones that are due.
const SUBSCRIPTIONS_ALARM = 'subscriptions';

// Opened on first use and kept while it works: a connection closed under us (another context's upgrade, the browser
// terminating it) or a failed open is forgotten, so the next message opens a new one instead of failing forever.
let database: Promise<Database> | undefined;
const db = () =>
  (database ??= openDatabase(undefined, () => {
    // The outbox holds the connection too: both are made again from the next one.
    database = undefined;
    outboxRunner = undefined;
  }).catch((error: unknown) => {
    database = undefined;
    outboxRunner = undefined;
    throw error;
  }));
let outboxRunner: Promise<Outbox> | undefined;
// The end-to-end tests' build moves the outbox's clock forward instead of waiting (test-clock.ts); the store build
// has no such code.
const e2eClock = import.meta.env.IA_E2E ? testClock(() => outbox().then((runner) => runner.runDue())) : undefined;
const outbox = (): Promise<Outbox> =>
  (outboxRunner ??= Promise.all([db(), e2eClock?.ready]).then(([opened]) => createOutbox(outboxDeps(opened))));

const fetchFromWorker: typeof fetch = (...args) => fetch(...args);
const logChanged = () => void announceChange('logChangedAt');

function outboxDeps(opened: Database) {
  const clock = e2eClock?.clock;
  const browserTime = clock?.toBrowserTime ?? ((time: number) => time);
  return {
    db: opened,
    ...(clock ? { now: clock.now } : {}),
    fetch: fetchFromWorker,
    hasOriginPermission,
    onLogChanged: logChanged,
    // An alarm outlives the worker: it wakes a stopped one for the next attempt (or an expired lease).
    wakeAt: (when: number | undefined) => {
      e2eClock?.wakeAt(when);
      void (when === undefined
        ? browser.alarms.clear(OUTBOX_ALARM)
        : browser.alarms.create(OUTBOX_ALARM, { when: Math.max(browserTime(when), Date.now() + 1_000) }));
    },
    onFinal: (entry: LogEntry, item: OutboxItem) =>
      finishRun(
        { db: opened, fetch: fetchFromWorker, hasOriginPermission, notify, onLogChanged: logChanged },
        entry,
        item,
      ),
  };
}

/** Shows the end of a retried run; a click on it opens the incident (below). */
async function notify(runId: string, notice: { title: string; message: string }): Promise<void> {
  await browser.notifications
    .create(runId, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), ...notice })
    .catch((error: unknown) => console.warn('Incident Actions: no notification', error));
}

/** Team configs and the browser policy: what they changed reaches the options page and the open incidents. */
async function followSharedConfigs(what: 'policy' | 'subscriptions'): Promise<void> {
  const deps = { db: await db(), fetch: fetchFromWorker };
  if (what === 'policy') {
    const outcome = await applyManagedPolicy({ ...deps, readManaged: () => browser.storage.managed.get() });
    if (outcome.config.includes('refused')) console.warn(`Incident Actions: ${outcome.config}`);
  } else {
    await refreshDueSubscriptions(deps);
  }
  await announceChange('actionsChangedAt');
  await resyncSites();
}

const resyncSites = () => db().then(listCustomSites).then(syncCustomSiteRegistrations);

export default defineBackground(() => {
  // Chrome drops dynamic content scripts on update: register the user's sites again.
  const resync = resyncSites;
  const logFailure = (what: string) => (error: unknown) => console.error(`Incident Actions: ${what}`, error);
  const followPolicy = () => void followSharedConfigs('policy').catch(logFailure('could not apply the policy'));
  // Firefox forgets alarms when it quits: both starts set them again (the same name replaces, not adds).
  const scheduleChores = () => {
    void browser.alarms.create(PRUNE_ALARM, { periodInMinutes: 24 * 60 });
    void browser.alarms.create(SUBSCRIPTIONS_ALARM, { periodInMinutes: 5, delayInMinutes: 1 });
  };
  browser.runtime.onStartup.addListener(() => {
    void resync().catch(logFailure('could not register custom sites'));
    scheduleChores();
    followPolicy();
  });
  // An admin changed the policy while the browser runs.
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') followPolicy();
  });
  // Installed or updated: incident tabs already open get the new content script without a reload.
  browser.runtime.onInstalled.addListener(() => {
    void resync()
      .then((custom) => injectIntoOpenTabs([...INCIDENT_PAGE_MATCHES, ...custom]))
      .catch(logFailure('could not register custom sites'));
    scheduleChores();
    followPolicy();
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void outbox().then((runner) => runner.runDue());
    if (alarm.name === PRUNE_ALARM) void db().then((opened) => pruneByRetention(opened, Date.now()));
    if (alarm.name === SUBSCRIPTIONS_ALARM)
      void followSharedConfigs('subscriptions').catch(logFailure('could not refresh subscriptions'));
  });
  browser.notifications.onClicked.addListener((logId) => {
    void db()
      .then((opened) => getLogEntry(opened, logId))
      .then((entry) => entry && browser.tabs.create({ url: entry.incident.url }));
  });

  // Registered synchronously, so a message that wakes the worker is not missed. The returned promise is the
  // answer: Firefox and Chrome 148+ take it natively, older Chrome through webextension-polyfill (wxt.config.ts).
  // It never rejects, so a content script (which has no polyfill) always gets a plain answer.
  browser.runtime.onMessage.addListener((message, sender) =>
    Promise.all([db(), outbox()])
      .then(([opened, runner]) => {
        const deps = {
          db: opened,
          extensionId: browser.runtime.id,
          fetch: fetchFromWorker,
          hasOriginPermission,
          outbox: runner,
          onLogChanged: logChanged,
          onStorageFull: (pruned: number) => void reportStorageFull(pruned),
        };
        return isExtensionPage(sender, browser.runtime.id, browser.runtime.getURL('/'))
          ? handlePageMessage(message, deps)
          : handleContentMessage(message, sender, deps);
      })
      .catch((error: unknown) => fail(`Incident Actions failed: ${(error as Error).message}`)),
  );

  // Every start of the worker (a message, an alarm, the browser starting): attempts that are due, including
  // those a stopped worker or a closed browser left behind.
  void outbox()
    .then((runner) => runner.runDue())
    .catch(logFailure('could not resume the outbox'));
});
