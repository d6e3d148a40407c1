import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ActionList } from '@/components/options/actions/ActionList';
import { duplicateAction } from '@/components/options/actions/actions-screen';
import { SharingPanel } from '@/components/options/sharing/SharingPanel';
import { SubscriptionsPanel } from '@/components/options/sharing/SubscriptionsPanel';
import type { Action } from '@/lib/model/action';
import { MAX_CONFIG_BYTES } from '@/lib/sharing/read-config';
import { listSubscriptions } from '@/lib/sharing/subscriptions';
import { listActions } from '@/lib/storage/actions-store';
import { getConstants, saveConstants } from '@/lib/storage/constants-store';
import type { Database } from '@/lib/storage/database';
import { listSecrets, saveSecret } from '@/lib/storage/secrets-store';
import { freshDatabase, makeAction } from '../../../support/builders';
import { buttonNamed, click, type, until } from '../../../support/ui';

const HOOKS = 'https://hooks.example.com/*';

let db: Database;
let container: HTMLElement;
/** Host permissions the fake browser holds (it implements no permissions API: the tests stand in). */
let granted: string[];
let grantOnRequest: boolean;

beforeEach(async () => {
  db = await freshDatabase();
  container = document.createElement('div');
  document.body.append(container);
  granted = [];
  grantOnRequest = true;
  vi.spyOn(fakeBrowser.permissions, 'getAll').mockImplementation((async () => ({
    origins: [...granted],
  })) as typeof fakeBrowser.permissions.getAll);
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation((async ({ origins }: { origins?: string[] }) => {
    if (grantOnRequest) granted.push(...(origins ?? []));
    return grantOnRequest;
  }) as typeof fakeBrowser.permissions.request);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async ({ origins }: { origins?: string[] }) =>
    (origins ?? []).every((origin) => granted.includes(origin))) as typeof fakeBrowser.permissions.contains);
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation(
    (async () => []) as typeof fakeBrowser.scripting.getRegisteredContentScripts,
  );
  vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation(
    (async () => undefined) as typeof fakeBrowser.scripting.registerContentScripts,
  );
});

afterEach(() => {
  render(null, container);
  container.remove();
  db.close();
  fakeBrowser.reset();
});

function config(actions: object[], extra: object = {}): string {
  return JSON.stringify({ format: 'incident-actions/config', version: 2, actions, ...extra }, null, 2);
}

const fileAction = (overrides: object = {}) => ({
  id: 'restart',
  label: 'Restart server',
  enabled: true,
  method: 'POST',
  url: 'https://hooks.example.com/run',
  headers: [],
  body: '',
  ...overrides,
});

async function paste(text: string) {
  await type('#import-paste', text);
  await click('Read pasted config');
}

const preview = () => container.querySelector<HTMLElement>('.import-preview .plan-group');
const text = (selector: string) => container.querySelector(selector)?.textContent ?? '';

describe('SharingPanel import', () => {
  it('previews a pasted config, asks for its origin, and imports it enabled', async () => {
    render(<SharingPanel db={db} actions={[]} />, container);
    await paste(config([fileAction()]));
    await until(preview, 'the preview');
    expect(text('.plan-actions .plan-added')).toContain('Added (1)');
    expect(text('.plan-actions .plan-added')).toContain('Restart server');
    expect(text('.import-origins')).toContain('These actions stay disabled until Incident Actions may call:');
    expect(text('.import-origins')).toContain(HOOKS);

    await click('Import');
    const done = await until(() => container.querySelector('.import-done[role="status"]'), 'the import status');
    expect(done.textContent).toBe('Imported: actions: 1 added.');
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: [HOOKS] });
    // Granted from the click, so planned again as enabled, not waiting.
    const [saved] = await listActions(db);
    expect(saved).toMatchObject({ id: 'restart', label: 'Restart server', enabled: true });
    expect(saved).not.toHaveProperty('awaitingGrant');
    expect(container.querySelector('.import-preview')).toBeNull();
  });

  it('imports an action as waiting when its origin is refused, and says so', async () => {
    grantOnRequest = false;
    render(<SharingPanel db={db} actions={[]} />, container);
    await paste(config([fileAction()]));
    await until(preview, 'the preview');
    await click('Import');
    const done = await until(() => container.querySelector('.import-done'), 'the import status');
    expect(done.textContent).toContain(`1 action waits for access to ${HOOKS}`);
    expect((await listActions(db))[0]).toMatchObject({ enabled: false, awaitingGrant: true });
  });

  it('saves a secret typed in the preview', async () => {
    granted = [HOOKS];
    render(<SharingPanel db={db} actions={[]} />, container);
    const headers = [{ name: 'Authorization', secret: true, placeholder: 'api_token' }];
    await paste(config([fileAction({ headers })]));
    await until(() => container.querySelector('#import-secret-api_token'), 'the secret field');
    expect(container.querySelector('label[for="import-secret-api_token"]')?.textContent).toBe('Value for api_token');
    await type('#import-secret-api_token', 's3cret');
    await click('Import');
    await until(() => container.querySelector('.import-done'), 'the import status');
    expect((await listSecrets(db)).map((secret) => [secret.name, secret.value, secret.origins])).toEqual([
      ['api_token', 's3cret', ['https://hooks.example.com']],
    ]);
    // Nothing to ask for: the origin was held already.
    expect(fakeBrowser.permissions.request).not.toHaveBeenCalled();
  });

  it('lists where each action sends its secret, and names a new destination for a saved one', async () => {
    granted = [HOOKS];
    await saveSecret(db, { name: 'api_token', value: 's3cret', savedAt: 1, origins: ['https://hooks.example.com'] });
    render(<SharingPanel db={db} actions={[]} />, container);
    const auth = { kind: 'bearer', secret: 'api_token' };
    await paste(
      config([fileAction({ auth }), fileAction({ id: 'moved', label: 'Moved', url: 'https://evil.example/x', auth })]),
    );
    await until(() => container.querySelector('.secret-destinations'), 'the destinations');
    const [bound, moved] = [...container.querySelectorAll('.secret-destinations li')].map((li) => li.textContent);
    expect(bound).toBe('Restart server sends api_token to https://hooks.example.com');
    expect(moved).toBe('Moved sends api_token to https://evil.example new destination for secret api_token');
  });

  it('refuses a prototype key with its path and writes nothing', async () => {
    render(<SharingPanel db={db} actions={[]} />, container);
    await paste(`{"__proto__": {"polluted": true}, ${config([fileAction()]).slice(1)}`);
    const alert = await until(() => container.querySelector('.import-error[role="alert"]'), 'the alert');
    expect(alert.textContent).toContain('$.__proto__: The key "__proto__" is refused');
    expect(container.querySelector('.import-preview')).toBeNull();
    expect(await listActions(db)).toEqual([]);
  });

  it('lists every problem of an invalid config at its path', async () => {
    render(<SharingPanel db={db} actions={[]} />, container);
    await paste(config([fileAction({ method: 'YELL' }), fileAction({ id: 'page', label: '' })]));
    const alert = await until(() => container.querySelector('.import-error'), 'the alert');
    expect(alert.textContent).toContain('$.actions[0].method');
    expect(alert.textContent).toContain('$.actions[1].label: Give the button a label');
    expect(alert.querySelectorAll('li')).toHaveLength(2);
  });

  it('refuses a file over the size limit before reading it', async () => {
    render(<SharingPanel db={db} actions={[]} />, container);
    const file = new File(['{}'], 'huge.json', { type: 'application/json' });
    Object.defineProperty(file, 'size', { value: MAX_CONFIG_BYTES + 1 });
    const read = vi.spyOn(file, 'text');
    const input = container.querySelector<HTMLInputElement>('#import-file');
    if (!input) throw new Error('no file input');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const alert = await until(() => container.querySelector('.import-error'), 'the alert');
    expect(alert.textContent).toContain('a config may be at most 5 MB');
    expect(read).not.toHaveBeenCalled();
  });

  it('shows removals only in replace mode, and imports them', async () => {
    granted = [HOOKS];
    await db.put('actions', makeAction({ id: 'old', label: 'Old action' }));
    render(<SharingPanel db={db} actions={[]} />, container);
    await paste(config([fileAction()]));
    await until(preview, 'the preview');
    expect(container.querySelector('.plan-removed')).toBeNull();
    expect(container.querySelector<HTMLInputElement>('input[name="import-mode"][value="merge"]')?.checked).toBe(true);

    const replace = container.querySelector<HTMLInputElement>('input[name="import-mode"][value="replace"]');
    await act(() => replace?.click());
    await until(() => container.querySelector('.plan-removed'), 'the removals');
    expect(text('.plan-removed')).toContain('Removed (1)');
    expect(text('.plan-removed')).toContain('Old action');

    await click('Import');
    await until(() => container.querySelector('.import-done'), 'the import status');
    expect((await listActions(db)).map((action) => action.id)).toEqual(['restart']);
  });

  it('shows each changed field of a changed action', async () => {
    granted = [HOOKS];
    await db.put(
      'actions',
      makeAction({ id: 'restart', label: 'Restart server', url: 'https://hooks.example.com/old' }),
    );
    render(<SharingPanel db={db} actions={[]} />, container);
    await paste(config([fileAction({ body: '' })]));
    await until(() => container.querySelector('.plan-changed'), 'the changes');
    const fields = [...container.querySelectorAll('.plan-changed .field-changes li')].map((li) => li.textContent);
    expect(fields).toContain('url: https://hooks.example.com/old → https://hooks.example.com/run');
    expect(text('.plan-changed')).toContain('Changed (1)');
  });
});

describe('ActionList', () => {
  const noop = () => {};
  const list = (actions: Action[], onDuplicate = vi.fn(), hosts = new Map<string, string>()) =>
    render(
      <ActionList
        actions={actions}
        ungranted={new Set()}
        subscriptionHosts={hosts}
        onEdit={noop}
        onToggle={noop}
        onGranted={noop}
        onGrantedEnable={noop}
        onDuplicate={onDuplicate}
        onDelete={noop}
      />,
      container,
    );
  const named = (label: string) => container.querySelector<HTMLElement>(`[aria-label="${label}"]`);

  it('locks managed actions: a badge, no Edit or Delete, the switch disabled, and Duplicate on every action', async () => {
    const onDuplicate = vi.fn();
    const managed = makeAction({
      id: 'sub-0000abcd:restart',
      label: 'Team restart',
      managedBy: { kind: 'subscription', subscriptionId: 'sub-0000abcd' },
    });
    const locked = makeAction({ id: 'policy:page', label: 'Page DBA', managedBy: { kind: 'policy' } });
    const own = makeAction({ id: 'own', label: 'Mine' });
    await act(() => list([managed, locked, own], onDuplicate, new Map([['sub-0000abcd', 'config.example.com']])));

    const badges = [...container.querySelectorAll('.managed-badge')].map((badge) => badge.textContent);
    expect(badges).toEqual(['From subscription config.example.com', 'Locked by your organization']);
    for (const label of ['Team restart', 'Page DBA']) {
      expect(named(`Edit ${label}`)).toBeNull();
      expect(named(`Delete ${label}`)).toBeNull();
      expect(named(`Duplicate ${label}`)).not.toBeNull();
      expect((named(`Enabled: ${label}`) as HTMLInputElement).disabled).toBe(true);
    }
    expect(named('Edit Mine')).not.toBeNull();
    expect(named('Delete Mine')).not.toBeNull();
    expect((named('Enabled: Mine') as HTMLInputElement).disabled).toBe(false);

    await act(() => named('Duplicate Team restart')?.click());
    expect(onDuplicate).toHaveBeenCalledWith(managed);
  });

  it('shows an action waiting for access', async () => {
    await act(() => list([makeAction({ label: 'Waiting one', enabled: false, awaitingGrant: true })]));
    expect(container.textContent).toContain('Waiting for access to https://hooks.example.com.');
    expect(buttonNamed('Grant access')).toBeDefined();
  });

  it('duplicates into an own, disabled copy with no owner', () => {
    const managed = makeAction({
      id: 'policy:page',
      label: 'x'.repeat(58),
      managedBy: { kind: 'policy' },
      awaitingGrant: true,
    });
    const copy = duplicateAction(managed, 5_000);
    expect(copy).not.toHaveProperty('managedBy');
    expect(copy).not.toHaveProperty('awaitingGrant');
    expect(copy).toMatchObject({ enabled: false, createdAt: 5_000, updatedAt: 5_000, label: `${'x'.repeat(58)} (` });
    expect(copy.id).not.toBe(managed.id);
  });
});

describe('SubscriptionsPanel', () => {
  const submit = () =>
    act(() => {
      container.querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    });

  it('subscribes to an https URL and lists it; refuses http', async () => {
    granted = [HOOKS];
    const fetch = vi.fn(async () => new Response(config([fileAction()]), { status: 200, headers: { etag: '"v1"' } }));
    render(<SubscriptionsPanel db={db} fetch={fetch} />, container);
    await until(() => container.querySelector('.empty'), 'the empty list');

    await type('#subscription-url', 'http://config.example.com/ia.json');
    await submit();
    expect(text('[role="alert"]')).toBe('A subscription URL starts with https://');
    expect(fetch).not.toHaveBeenCalled();

    await type('#subscription-url', 'https://config.example.com/ia.json');
    await submit();
    const status = await until(() => container.querySelector('[role="status"]'), 'the status');
    expect(status.textContent).toBe('Subscribed to https://config.example.com/ia.json: actions: 1 added.');
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ['https://config.example.com/*'] });
    await until(() => container.querySelector('.subscription'), 'the subscription');
    expect(text('.subscription')).toContain('Every 1 h');
    const [subscription] = await listSubscriptions(db);
    expect((await listActions(db)).map((action) => action.managedBy)).toEqual([
      { kind: 'subscription', subscriptionId: subscription?.id },
    ]);
  });
  it('holds a team config’s constant change for review; Accept applies exactly that', async () => {
    granted = [HOOKS];
    await saveConstants(db, [{ name: 'env', value: 'prod' }]);
    const fetch = vi.fn(
      async () => new Response(config([fileAction()], { constants: [{ name: 'env', value: 'evil' }] })),
    );
    render(<SubscriptionsPanel db={db} fetch={fetch} />, container);
    await type('#subscription-url', 'https://config.example.com/ia.json');
    await submit();
    const review = await until(() => container.querySelector('.pending-review'), 'the review');
    expect(review.textContent).toContain('Waiting for your review: constants: 1 changed');
    await until(() => review.querySelector('.plan-constants'), 'the constant in the review');
    expect(await getConstants(db)).toEqual([{ name: 'env', value: 'prod' }]);
    await click('Accept these changes', container);
    await until(() => (container.querySelector('.pending-review') ? undefined : true), 'the review gone');
    expect(await getConstants(db)).toEqual([{ name: 'env', value: 'evil' }]);
  });
});
