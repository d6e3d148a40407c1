import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActionEditor } from '@/components/options/actions/ActionEditor';
import { type Action, newAction } from '@/lib/model/action';
import type { Secret } from '@/lib/model/secrets';
import { requestOriginPermission } from '@/lib/permissions/origins';
import { byLabel, check, choose, click, find, type } from '../../../support/ui';

// The fake browser has no permissions API; the editor's only use of it goes through this module.
vi.mock('@/lib/permissions/origins', () => ({ requestOriginPermission: vi.fn() }));
const requestPermission = vi.mocked(requestOriginPermission);

let container: HTMLElement;
let onSave: ReturnType<typeof vi.fn<(action: Action, permission: Promise<boolean>) => void>>;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  onSave = vi.fn();
  requestPermission.mockReset();
  requestPermission.mockResolvedValue(true);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

function openEditor(
  initial: Action = newAction(1_000),
  secrets: readonly Secret[] = [],
  onAllowSecretOrigin: (secret: string, origin: string) => Promise<void> = async () => {},
) {
  render(
    <ActionEditor
      constants={[]}
      secrets={secrets}
      initial={initial}
      onSave={onSave}
      onCancel={() => {}}
      onAllowSecretOrigin={onAllowSecretOrigin}
    />,
    container,
  );
}

const submit = () => click('Save action');

/** The error shown next to a control: the FieldError in the same field container. */
function errorNextTo(control: HTMLElement): string | undefined {
  const holder = control.closest('.field, .header-row');
  return holder?.querySelector('.field-error')?.textContent ?? undefined;
}

async function fillValid() {
  await type(find('#action-label'), '  Restart web  ');
  await type(find('#action-url'), 'https://hooks.example.com/run/{{incident.id}}');
}

describe('ActionEditor', () => {
  it('shows errors next to the invalid fields and does not save', async () => {
    openEditor(); // a new action: no label, URL "https://"
    await submit();
    expect(onSave).not.toHaveBeenCalled();
    expect(requestPermission).not.toHaveBeenCalled();

    const label = find('#action-label');
    const url = find('#action-url');
    const body = find<HTMLTextAreaElement>('#action-body');
    expect(label.getAttribute('aria-invalid')).toBe('true');
    expect(errorNextTo(label)).toBe('Give the button a label');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(errorNextTo(url)).toBe('Not a valid URL');
    // Valid fields are not marked.
    expect(body.getAttribute('aria-invalid')).toBe('false');
    expect(errorNextTo(body)).toBeUndefined();
    expect(container.querySelectorAll('.field-error[role="alert"]')).toHaveLength(2);
  });

  it('marks a bad and a duplicate header name on their own rows', async () => {
    openEditor();
    await fillValid();
    for (let i = 0; i < 3; i++) await click('Add header');
    await type(byLabel('Header 1 name'), 'X-Token');
    await type(byLabel('Header 2 name'), 'Bad Name');
    await type(byLabel('Header 3 name'), 'x-token');
    await submit();

    expect(onSave).not.toHaveBeenCalled();
    expect(byLabel('Header 1 name').getAttribute('aria-invalid')).toBe('false');
    expect(errorNextTo(byLabel('Header 1 name'))).toBeUndefined();
    expect(byLabel('Header 2 name').getAttribute('aria-invalid')).toBe('true');
    expect(errorNextTo(byLabel('Header 2 name'))).toContain('A header name is letters, digits and -');
    expect(byLabel('Header 3 name').getAttribute('aria-invalid')).toBe('true');
    expect(errorNextTo(byLabel('Header 3 name'))).toBe('This header is already set');
  });

  it('explains a body that is not JSON, and a GET that carries one', async () => {
    openEditor();
    await fillValid();
    const body = find<HTMLTextAreaElement>('#action-body');
    await type(body, '{"incident": "{{incident.id}}",}');
    await submit();
    expect(body.getAttribute('aria-invalid')).toBe('true');
    expect(errorNextTo(body)).toMatch(/^Not valid JSON: /);

    await type(body, '{"incident": "{{incident.id}}"}');
    await choose(find<HTMLSelectElement>('#action-method'), 'GET');
    await submit();
    expect(errorNextTo(body)).toBe('GET requests carry no body');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('saves a valid form once, parsed, and asks for its origin', async () => {
    openEditor();
    await submit(); // invalid first: the errors must go once fixed
    await fillValid();
    await click('Add header');
    await type(byLabel('Header 1 name'), 'Authorization');
    await check(byLabel('Header 1 is secret'));
    await type(byLabel('Header 1 value'), 'Bearer s3cret');
    await submit();

    expect(onSave).toHaveBeenCalledTimes(1);
    const [action, permission] = onSave.mock.calls[0] ?? [];
    expect(action).toMatchObject({
      label: 'Restart web',
      url: 'https://hooks.example.com/run/{{incident.id}}',
      method: 'POST',
      enabled: true,
      headers: [{ name: 'Authorization', value: 'Bearer s3cret', secret: true }],
      createdAt: 1_000,
    });
    expect(action?.updatedAt).toBeGreaterThan(1_000);
    await expect(permission).resolves.toBe(true);
    // Asked for the endpoint origin, during the submit itself.
    expect(requestPermission).toHaveBeenCalledExactlyOnceWith('https://hooks.example.com');
    expect(container.querySelector('.field-error')).toBeNull();
    expect(container.querySelector('[aria-invalid="true"]')).toBeNull();
  });

  it('types a secret header value into a password field', async () => {
    openEditor();
    await click('Add header');
    expect(byLabel('Header 1 value').getAttribute('type')).toBe('text');
    await check(byLabel('Header 1 is secret'));
    expect(byLabel('Header 1 value').getAttribute('type')).toBe('password');
  });

  it('does not ask for an origin when the action is saved disabled', async () => {
    openEditor();
    await fillValid();
    const enabled = [...container.querySelectorAll('label')].find((l) => l.textContent?.trim() === 'Enabled');
    await check(enabled?.querySelector('input') ?? find('#no-enabled-checkbox'));
    await submit();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]?.[0].enabled).toBe(false);
    await expect(onSave.mock.calls[0]?.[1]).resolves.toBe(true);
    expect(requestPermission).not.toHaveBeenCalled();
  });

  it('saves anyway, with a false permission, when the prompt fails', async () => {
    requestPermission.mockRejectedValue(new Error('Permission request not allowed'));
    openEditor();
    await fillValid();
    await submit();
    expect(onSave).toHaveBeenCalledTimes(1);
    await expect(onSave.mock.calls[0]?.[1]).resolves.toBe(false);
  });

  it("says the delivery schedule the outbox keeps, following the action's attempts and limit", async () => {
    openEditor();
    const schedule = () => find('#delivery-schedule').textContent;
    expect(schedule()).toBe('Attempts at 0 s, ~25 s, ~2 min, ~5 min, ~17 min');
    await type(find('#delivery-maxAttempts'), '3');
    expect(schedule()).toBe('Attempts at 0 s, ~25 s, ~2 min');
    await type(find('#delivery-maxAttempts'), '5');
    await type(find('#delivery-giveUpAfterMinutes'), '6');
    expect(schedule()).toBe('Attempts at 0 s, ~25 s, ~2 min, ~5 min');
    await fillValid();
    await type(find('#delivery-maxBodyKB'), '1024');
    await submit();
    expect(onSave.mock.calls[0]?.[0]?.delivery).toEqual({
      timeoutSeconds: 16,
      maxAttempts: 5,
      giveUpAfterMinutes: 6,
      maxBodyKB: 1_024,
    });
  });
});

describe('the secrets’ origins under the URL (design rule 10)', () => {
  const token = (origins: string[]): Secret => ({ name: 'rundeck_token', value: 'sk-live-1', savedAt: 1, origins });
  const using = (url: string) =>
    ({ ...newAction(1_000), label: 'Run job', url, auth: { kind: 'bearer', secret: 'rundeck_token' } }) as Action;
  const warnings = () => container.querySelector('.secret-origin-warnings')?.textContent ?? '';

  it('warns when the action sends a secret to an origin it is not bound to, and allows it on a click', async () => {
    const allow = vi.fn(async () => {});
    openEditor(using('https://evil.example/run'), [token(['https://rundeck.example.com'])], allow);
    expect(warnings()).toContain(
      'The secret rundeck_token may be sent only to https://rundeck.example.com; this action sends to https://evil.example.',
    );
    expect(allow).not.toHaveBeenCalled();
    await click('Allow https://evil.example for rundeck_token');
    expect(allow).toHaveBeenCalledExactlyOnceWith('rundeck_token', 'https://evil.example');
  });

  it('says nothing when the secret is bound to the origin, and follows an edit of the URL', async () => {
    openEditor(using('https://rundeck.example.com/api'), [token(['https://rundeck.example.com'])]);
    expect(warnings()).toBe('');
    await type(find('#action-url'), 'https://other.example/api');
    expect(warnings()).toContain('this action sends to https://other.example');
  });

  it('says saving binds a secret that goes nowhere yet, with no button', async () => {
    openEditor(using('https://rundeck.example.com/api'), [token([])]);
    expect(warnings()).toBe(
      'The secret rundeck_token goes nowhere yet: saving this action binds it to https://rundeck.example.com.',
    );
    expect(container.querySelector('.secret-origin-warnings button')).toBeNull();
  });
});
