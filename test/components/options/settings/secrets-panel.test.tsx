import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretsPanel } from '@/components/options/settings/SecretsPanel';
import type { Action } from '@/lib/model/action';
import type { Database } from '@/lib/storage/database';
import { listSecrets, saveSecret } from '@/lib/storage/secrets-store';
import { freshDatabase, makeAction } from '../../../support/builders';
import { byLabel, click, find, type, until } from '../../../support/ui';

const VALUE = 'sk-live-never-shown-0042';
let container: HTMLElement;
let db: Database;

beforeEach(async () => {
  container = document.createElement('div');
  document.body.append(container);
  db = await freshDatabase();
});

afterEach(() => {
  render(null, container);
  container.remove();
  db.close();
});

/** The panel as the options page shows it: re-rendered with what is saved after each reload. */
async function openPanel(actions: Action[]) {
  const show = async () => {
    const saved = await listSecrets(db);
    await act(() => render(<SecretsPanel db={db} saved={saved} reload={show} actions={actions} />, container));
  };
  await show();
}

const text = () => container.textContent ?? '';
const origins = () => find<HTMLTextAreaElement>('[aria-label="Allowed origins"]');

describe('SecretsPanel and where each secret may go', () => {
  const rundeck = makeAction({
    label: 'Run job',
    url: 'https://rundeck.example.com/api/{{ incident.id }}',
    auth: { kind: 'bearer', secret: 'rundeck_token' },
  });
  const local = makeAction({
    label: 'Local',
    url: 'http://127.0.0.1:8080/x',
    body: '{"k":"{{ secrets.rundeck_token }}"}',
  });

  it('offers the origins of the actions that use the name, and saves the secret bound to them', async () => {
    await openPanel([rundeck, local]);
    await type(byLabel('Secret name'), 'rundeck_token');
    expect(origins().value).toBe('https://rundeck.example.com\nhttp://127.0.0.1:8080');
    await type(byLabel('Secret value'), VALUE);
    await act(() => find('form.variable-row button[type="submit"]').click());
    await until(() => text().includes('Saved the secret'), 'the notice');
    expect((await listSecrets(db)).map(({ name, origins }) => ({ name, origins }))).toEqual([
      { name: 'rundeck_token', origins: ['https://rundeck.example.com', 'http://127.0.0.1:8080'] },
    ]);
    expect(text()).toContain('goes to https://rundeck.example.com, http://127.0.0.1:8080');
    expect(text()).not.toContain(VALUE);
  });

  it('keeps what the user typed in the origins when the name changes, and refuses a line that is not an origin', async () => {
    await openPanel([rundeck]);
    await type(origins(), 'https://rundeck.example.com/api/run');
    await type(byLabel('Secret name'), 'rundeck_token');
    expect(origins().value).toBe('https://rundeck.example.com/api/run');
    await type(byLabel('Secret value'), VALUE);
    await act(() => find('form.variable-row button[type="submit"]').click());
    expect(text()).toContain('Not an origin (write https://host or http://host:port, without a path)');
    expect(await listSecrets(db)).toEqual([]);
  });

  it('edits a saved secret’s origins without its value, which stays hidden and unchanged', async () => {
    await saveSecret(db, { name: 'rundeck_token', value: VALUE, savedAt: 1, origins: [] });
    await openPanel([rundeck]);
    expect(text()).toContain('goes nowhere yet: no origin');
    await click('Edit origins of rundeck_token');
    const editor = find<HTMLTextAreaElement>('[aria-label="Origins of rundeck_token"]');
    expect(editor.value).toBe('');
    await type(editor, 'https://Rundeck.example.com\nhttps://backup.example.com:8443');
    await click('Save origins of rundeck_token');
    await until(() => text().includes('Saved where “rundeck_token” may go.'), 'the notice');
    expect(await listSecrets(db)).toEqual([
      {
        name: 'rundeck_token',
        value: VALUE,
        savedAt: 1,
        origins: ['https://rundeck.example.com', 'https://backup.example.com:8443'],
      },
    ]);
    expect(text()).toContain('goes to https://rundeck.example.com, https://backup.example.com:8443');
    expect(container.innerHTML).not.toContain(VALUE);
  });
});
