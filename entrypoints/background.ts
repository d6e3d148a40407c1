import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleContentMessage } from '@/lib/messaging/content-router';
import { hasOriginPermission } from '@/lib/permissions/origins';
import { fail } from '@/lib/render/result';
import { injectIntoOpenTabs, syncCustomSiteRegistrations } from '@/lib/sources/registration';
import { INCIDENT_PAGE_MATCHES } from '@/lib/sources/registry';
import { announceChange } from '@/lib/storage/change-signals';
import { type Database, openDatabase } from '@/lib/storage/database';
import { listCustomSites } from '@/lib/storage/sites-store';

// Opened on first use and kept for the worker's life; the worker may be stopped at any time.
let database: Promise<Database> | undefined;
const db = () => (database ??= openDatabase());

export default defineBackground(() => {
  // Chrome drops dynamic content scripts on update: register the user's sites again.
  const resync = () => db().then(listCustomSites).then(syncCustomSiteRegistrations);
  const logFailure = (error: unknown) => console.error('Incident Actions: could not register custom sites', error);
  browser.runtime.onStartup.addListener(() => void resync().catch(logFailure));
  // Installed or updated: incident tabs already open get the new content script without a reload.
  browser.runtime.onInstalled.addListener(
    () =>
      void resync()
        .then((custom) => injectIntoOpenTabs([...INCIDENT_PAGE_MATCHES, ...custom]))
        .catch(logFailure),
  );

  // Registered synchronously, so a message that wakes the worker is not missed.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    db()
      .then((opened) =>
        handleContentMessage(message, sender, {
          db: opened,
          extensionId: browser.runtime.id,
          fetch: (...args) => fetch(...args),
          hasOriginPermission,
          onLogChanged: () => void announceChange('logChangedAt'),
        }),
      )
      .catch((error: unknown) => fail(`Incident Actions failed: ${(error as Error).message}`))
      .then(sendResponse);
    return true; // the answer comes asynchronously
  });
});
