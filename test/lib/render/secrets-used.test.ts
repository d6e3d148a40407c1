import { describe, expect, it } from 'vitest';
import { actionOrigin, originsUsingSecrets, readsSavedSecret, secretsUsed } from '@/lib/render/secrets-used';
import { makeAction } from '../../support/builders';

describe('secretsUsed', () => {
  it('finds secrets in auth, signing and any template, filtered or not', () => {
    const action = makeAction({
      url: 'https://hooks.example.com/{{ secrets.in_url }}',
      headers: [{ name: 'X-Sig', value: '{{ secrets.in_header | base64_encode }}', secret: false }],
      body: '{"k": "{{ secrets.in_body | upcase }}"}',
      auth: { kind: 'bearer', secret: 'auth_token' },
      signing: { scheme: 'github', secrets: ['hook_key'] },
    });
    expect(secretsUsed(action)).toEqual(['auth_token', 'hook_key', 'in_body', 'in_header', 'in_url']);
    expect(readsSavedSecret('Bearer {{ secrets.token }}')).toBe(true);
    expect(readsSavedSecret('Bearer sk-live')).toBe(false);
  });
});

describe('originsUsingSecrets', () => {
  it('lists, per secret, the static origins of the actions that use it', () => {
    const rundeck = makeAction({
      url: 'https://Rundeck.example.com/api/{{ incident.id }}',
      auth: { kind: 'bearer', secret: 'token' },
    });
    const local = makeAction({ url: 'http://127.0.0.1:8080/x', auth: { kind: 'bearer', secret: 'token' } });
    const again = makeAction({
      url: 'https://rundeck.example.com/other',
      signing: { scheme: 'github', secrets: ['key'] },
    });
    expect(actionOrigin(rundeck)).toBe('https://rundeck.example.com');
    expect(actionOrigin({ url: '{{ constants.endpoint }}' })).toBeUndefined();
    expect(Object.fromEntries(originsUsingSecrets([rundeck, local, again]))).toEqual({
      token: ['https://rundeck.example.com', 'http://127.0.0.1:8080'],
      key: ['https://rundeck.example.com'],
    });
  });
});
