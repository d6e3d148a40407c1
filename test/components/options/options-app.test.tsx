import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/options/OptionsApp';
import { saveAction } from '@/lib/storage/actions-store';
import { saveConstants } from '@/lib/storage/constants-store';
import type { Database } from '@/lib/storage/database';
import { listSecrets, saveSecret } from '@/lib/storage/secrets-store';
import { freshDatabase, makeAction } from '../../support/builders';
import { byLabel, click, type, until } from '../../support/ui';

/**
 * The page as a whole: no screen reloads another by hand, so what one screen saves, and what another tab
 * or the background writes, reaches every screen that shows it through the stores' announcements.
 */

let db: Database;
let container: HTMLElement;

beforeEach(async () => {
  db = await freshDatabase();
  container = document.createElement('div');
  document.body.append(container);
  // The fake browser implements no permissions, scripting or current tab: every origin is granted here.
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(
    (async () => true) as typeof fakeBrowser.permissions.contains,
  );
  vi.spyOn(fakeBrowser.permissions, 'getAll').mockImplementation((async () => ({
    origins: ['https://hooks.example.com/*'],
  })) as typeof fakeBrowser.permissions.getAll);
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(
    (async () => true) as typeof fakeBrowser.permissions.request,
  );
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation(
    (async () => []) as typeof fakeBrowser.scripting.getRegisteredContentScripts,
  );
  vi.spyOn(fakeBrowser.tabs, 'getCurrent').mockImplementation(
    (async () => undefined) as typeof fakeBrowser.tabs.getCurrent,
  );
  // No incident open in another tab.
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async () => []) as typeof fakeBrowser.tabs.query);
  await act(() => render(<OptionsApp db={db} />, container));
});

afterEach(() => {
  render(null, container);
  container.remove();
  db.close();
  fakeBrowser.reset();
});

const text = (selector: string) => container.querySelector(selector)?.textContent ?? '';
const secretNames = () => [...container.querySelectorAll('.secrets li code')].map((code) => code.textContent);

describe('OptionsApp', () => {
  it('lists an action saved in the editor, and drops it when deleted', async () => {
    await until(() => text('.empty').startsWith('No actions yet'), 'the empty list');
    await click('New action');
    await type('#action-label', 'Restart web');
    await type('#action-url', 'https://hooks.example.com/run');
    await click('Save action');
    await until(() => text('.action-list').includes('Restart web'), 'the saved action');
    expect(text('[role="status"]')).toBe('Saved “Restart web”.');

    await act(() => byLabel('Delete Restart web').click());
    await click('Yes, delete');
    await until(() => !container.querySelector('.action-list'), 'the list to empty');
    expect(text('[role="status"]')).toBe('Deleted “Restart web”.');
  });

  it('binds a secret that goes nowhere yet to the first action saved with it, and no other one later', async () => {
    await saveSecret(db, { name: 'api_token', value: 'sk-live-1', savedAt: 1, origins: [] });
    await until(() => secretNames().includes('api_token'), 'the secret');
    const writes: string[] = [];
    const transaction = db.transaction.bind(db);
    vi.spyOn(db, 'transaction').mockImplementation(((stores: string, mode?: IDBTransactionMode) => {
      if (mode === 'readwrite') writes.push(stores);
      return transaction(stores as 'actions', mode);
    }) as unknown as typeof db.transaction);
    await click('New action');
    await type('#action-label', 'Restart web');
    await type('#action-url', 'https://hooks.example.com/run');
    await type('#action-body', '{"k": "{{ secrets.api_token }}"}');
    await click('Save action');
    await until(() => text('.secrets li').includes('goes to https://hooks.example.com'), 'the bound origin');
    await until(() => text('.action-list').includes('Restart web'), 'the saved action');
    // Bound before the action is saved: a user who leaves the page once it is listed leaves nothing unbound.
    expect(writes.filter((store) => store === 'secrets' || store === 'actions')).toEqual(['secrets', 'actions']);

    // Bound now: another origin needs the user's click on "Allow".
    await act(() => byLabel('Edit Restart web').click());
    await type('#action-url', 'https://elsewhere.example/run');
    await click('Save action');
    await until(() => text('.action-list').includes('https://elsewhere.example/run'), 'the edited action');
    expect((await listSecrets(db))[0]?.origins).toEqual(['https://hooks.example.com']);
    expect(text('.secrets li')).toContain('goes to https://hooks.example.com');
  });

  it('says what it did only once the list shows it', async () => {
    await until(() => text('.empty').startsWith('No actions yet'), 'the empty list');
    await click('New action');
    await type('#action-label', 'Restart web');
    await type('#action-url', 'https://hooks.example.com/run');
    await click('Save action');
    await until(() => text('[role="status"]') === 'Saved “Restart web”.', 'the saved notice');
    expect(text('.action-list')).toContain('Restart web');

    // The store's announcement reaches this page after the notice, as it can in a busy browser: here, never.
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(
      (async () => {}) as typeof fakeBrowser.storage.local.set,
    );
    await act(() => byLabel('Delete Restart web').click());
    await click('Yes, delete');
    await until(() => text('[role="status"]') === 'Deleted “Restart web”.', 'the deleted notice');
    expect(container.querySelector('.action-list')).toBeNull();
  });

  it('shows under Secrets a secret the import saved, and the imported action that uses it', async () => {
    const config = {
      format: 'incident-actions/config',
      version: 2,
      actions: [
        {
          id: 'restart',
          label: 'Restart server',
          enabled: true,
          method: 'POST',
          url: 'https://hooks.example.com/run',
          headers: [{ name: 'Authorization', secret: true, placeholder: 'api_token' }],
          body: '',
        },
      ],
    };
    await type('#import-paste', JSON.stringify(config));
    await click('Read pasted config');
    await until(() => container.querySelector('#import-secret-api_token'), 'the secret field');
    await type('#import-secret-api_token', 's3cret-value');
    await click('Import');
    await until(() => container.querySelector('.import-done'), 'the import status');

    await until(() => secretNames().includes('api_token'), 'the imported secret under Secrets');
    await until(() => text('.action-list').includes('Restart server'), 'the imported action');
    expect(text('.secrets li')).toContain('used by Restart server');
  });

  it('follows what another tab or the background writes', async () => {
    await until(() => container.querySelector('.action-list, .empty'), 'the first load');
    await saveAction(db, makeAction({ label: 'Page the DBA' }));
    await saveConstants(db, [{ name: 'env', value: 'prod' }]);
    await saveSecret(db, { name: 'pagertree_token', value: 'abc', savedAt: 1 });

    await until(() => text('.action-list').includes('Page the DBA'), 'the action');
    await until(() => container.querySelector<HTMLInputElement>('[aria-label="Constant 1 value"]'), 'the constant');
    expect(byLabel('Constant 1 name').value).toBe('env');
    expect(byLabel('Constant 1 value').value).toBe('prod');
    await until(() => secretNames().includes('pagertree_token'), 'the secret');
  });
});
