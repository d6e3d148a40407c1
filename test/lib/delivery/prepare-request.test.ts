import { describe, expect, it } from 'vitest';
import { prepareToSend } from '@/lib/delivery/prepare-request';
import type { Action } from '@/lib/model/action';
import { makeAction, makeIncident, newInvocation } from '../../support/builders';

const HOOKS = 'https://hooks.example.com';

function context(origins: Record<string, string[]>) {
  return {
    constants: {},
    secrets: { token: 'sk-live-1', hook_key: 'whsec_abc', in_body: 'body-secret' },
    secretOrigins: origins,
    invocation: newInvocation(),
  };
}

const USES: [string, Partial<Action>][] = [
  ['auth', { auth: { kind: 'bearer', secret: 'token' } }],
  ['signing', { signing: { scheme: 'github', secrets: ['hook_key'] } }],
  ['a template', { body: '{"k": "{{ secrets.in_body | upcase }}"}' }],
];

describe('prepareToSend and the secrets’ origins', () => {
  it.each(USES)('refuses a secret used by %s that is not bound to the request’s origin', async (_where, uses) => {
    const action = makeAction({ headers: [], ...uses });
    const bound = {
      token: ['https://rundeck.example.com'],
      hook_key: ['https://rundeck.example.com'],
      in_body: ['https://rundeck.example.com'],
    };
    const sent = await prepareToSend(action, makeIncident(), context(bound), async () => true);
    expect(sent.problem).toMatch(
      /^The secret (token|hook_key|in_body) may be sent only to https:\/\/rundeck\.example\.com; this action sends to https:\/\/hooks\.example\.com: add the origin to the secret under Secrets$/,
    );
    // The log keeps what would have gone, masked.
    expect(sent.shown?.ok).toBe(true);
  });

  it.each(USES)('lets a secret used by %s go to an origin it is bound to', async (_where, uses) => {
    const action = makeAction({ headers: [], ...uses });
    const bound = { token: [HOOKS], hook_key: ['https://other.example', HOOKS], in_body: [HOOKS] };
    const sent = await prepareToSend(action, makeIncident(), context(bound), async () => true);
    expect(sent.problem).toBeUndefined();
    expect(sent.request?.url).toBe(`${HOOKS}/run/Q1DBFULL7X2M`);
  });

  it('needs every secret the action uses bound, not just one', async () => {
    const action = makeAction({
      headers: [],
      auth: { kind: 'bearer', secret: 'token' },
      signing: { scheme: 'github', secrets: ['hook_key'] },
    });
    const sent = await prepareToSend(
      action,
      makeIncident(),
      context({ token: [HOOKS], hook_key: [] }),
      async () => true,
    );
    expect(sent.problem).toBe(
      'The secret hook_key is not bound to any origin yet; this action sends to https://hooks.example.com: add the origin to the secret under Secrets',
    );
  });
});
