import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { finalNotice } from '@/lib/delivery/final-notice';
import { noteText, postIncidentNote } from '@/lib/delivery/incident-note';
import { createOutbox, type Outbox } from '@/lib/delivery/outbox-runner';
import { handleContentMessage } from '@/lib/messaging/content-router';
import { handlePageMessage, isExtensionPage } from '@/lib/messaging/page-router';
import type { LogEntry } from '@/lib/model/log-entry';
import type { OutboxItem } from '@/lib/model/outbox-item';
import { hasOriginPermission } from '@/lib/permissions/origins';
import { fail } from '@/lib/render/result';
import { injectIntoOpenTabs, syncCustomSiteRegistrations } from '@/lib/sources/registration';
import { INCIDENT_PAGE_MATCHES } from '@/lib/sources/registry';
import { announceChange, reportStorageFull } from '@/lib/storage/change-signals';
import { type Database, openDatabase } from '@/lib/storage/database';
import { getLogDetails, getLogEntry, setLogNote } from '@/lib/storage/log-store';
import { pruneByRetention } from '@/lib/storage/retention-store';
import { listCustomSites } from '@/lib/storage/sites-store';

const OUTBOX_ALARM = 'outbox';
const PRUNE_ALARM = 'prune-log';

// Opened on first use and kept for the worker's life; the worker may be stopped at any time.
let database: Promise<Database> | undefined;
const db = () => (database ??= openDatabase());
let outboxRunner: Promise<Outbox> | undefined;
const outbox = () => (outboxRunner ??= db().then((opened) => createOutbox(outboxDeps(opened))));

const fetchFromWorker: typeof fetch = (...args) => fetch(...args);
const logChanged = () => void announceChange('logChangedAt');

function outboxDeps(opened: Database) {
  return {
    db: opened,
    fetch: fetchFromWorker,
    hasOriginPermission,
    onLogChanged: logChanged,
    // An alarm outlives the worker: it wakes a stopped one for the next attempt (or an expired lease).
    wakeAt: (when: number | undefined) =>
      void (when === undefined
        ? browser.alarms.clear(OUTBOX_ALARM)
        : browser.alarms.create(OUTBOX_ALARM, { when: Math.max(when, Date.now() + 1_000) })),
    onFinal: (entry: LogEntry, item: OutboxItem) => afterFinal(opened, entry, item),
  };
}

/** A run ended: the note back to the incident, the notification, and the history kept within its limits. */
async function afterFinal(opened: Database, entry: LogEntry, item: OutboxItem): Promise<void> {
  if (item.action.postNote) {
    const answer = (await getLogDetails(opened, entry.id))?.attempts.at(-1)?.responseExcerpt;
    const deps = { db: opened, fetch: fetchFromWorker, hasOriginPermission };
    await setLogNote(opened, entry.id, await postIncidentNote(deps, item.incident, noteText(entry, answer)));
    logChanged();
  }
  const notice = finalNotice(entry);
  if (notice) {
    await browser.notifications
      .create(entry.id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), ...notice })
      .catch((error: unknown) => console.warn('Incident Actions: no notification', error));
  }
  await pruneByRetention(opened, Date.now());
}

export default defineBackground(() => {
  // Chrome drops dynamic content scripts on update: register the user's sites again.
  const resync = () => db().then(listCustomSites).then(syncCustomSiteRegistrations);
  const logFailure = (what: string) => (error: unknown) => console.error(`Incident Actions: ${what}`, error);
  browser.runtime.onStartup.addListener(() => void resync().catch(logFailure('could not register custom sites')));
  // Installed or updated: incident tabs already open get the new content script without a reload.
  browser.runtime.onInstalled.addListener(() => {
    void resync()
      .then((custom) => injectIntoOpenTabs([...INCIDENT_PAGE_MATCHES, ...custom]))
      .catch(logFailure('could not register custom sites'));
    void browser.alarms.create(PRUNE_ALARM, { periodInMinutes: 24 * 60 });
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void outbox().then((runner) => runner.runDue());
    if (alarm.name === PRUNE_ALARM) void db().then((opened) => pruneByRetention(opened, Date.now()));
  });
  browser.notifications.onClicked.addListener((logId) => {
    void db()
      .then((opened) => getLogEntry(opened, logId))
      .then((entry) => entry && browser.tabs.create({ url: entry.incident.url }));
  });

  // Registered synchronously, so a message that wakes the worker is not missed.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
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
      .catch((error: unknown) => fail(`Incident Actions failed: ${(error as Error).message}`))
      .then(sendResponse);
    return true; // the answer comes asynchronously
  });

  // Every start of the worker (a message, an alarm, the browser starting): attempts that are due, including
  // those a stopped worker or a closed browser left behind.
  void outbox()
    .then((runner) => runner.runDue())
    .catch(logFailure('could not resume the outbox'));
});
