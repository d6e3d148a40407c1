import { describe, expect, it } from 'vitest';
import { prepareToSend } from '@/lib/delivery/prepare-request';
import { isPlainHttpOffMachine } from '@/lib/model/plain-http';
import { ActionSchema } from '@/lib/render/action-rules';
import { makeAction, makeIncident, newInvocation } from '../../support/builders';

describe('plain http off this machine', () => {
  it('is any http host but loopback; a templated host waits for its rendering', () => {
    for (const url of [
      'http://hooks.example.com/x',
      'HTTP://Hooks.Example.com',
      'http://127.0.0.1.evil.example/',
      'http://10.0.0.5:8080/run',
    ])
      expect(isPlainHttpOffMachine(url), url).toBe(true);
    for (const url of [
      'https://hooks.example.com/x',
      'http://localhost:8080/x',
      'http://127.0.0.1:9/x',
      'http://[::1]:8080/x',
      'http://{{ constants.host }}/x',
      'not a url',
    ])
      expect(isPlainHttpOffMachine(url), url).toBe(false);
  });

  it('needs the action’s explicit opt-in, at the URL field and again at send', async () => {
    const plain = makeAction({ url: 'http://rundeck.internal.example/api/run' });
    const refused = ActionSchema.safeParse(plain);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['url', expect.stringContaining('Plain http sends the request, its secrets and its signature unencrypted')],
    ]);
    expect(ActionSchema.safeParse({ ...plain, allowPlainHttp: true }).success).toBe(true);

    // An action saved before this rule (the schema never saw it) is refused when it is sent.
    const context = { constants: {}, secrets: {}, secretOrigins: {}, invocation: newInvocation() };
    const sent = await prepareToSend(plain, makeIncident(), context, async () => true);
    expect(sent.problem).toMatch(/^Plain http sends the request/);
    const allowed = await prepareToSend({ ...plain, allowPlainHttp: true }, makeIncident(), context, async () => true);
    expect(allowed.problem).toBeUndefined();
  });
});
