// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { toCurl } from '@/lib/delivery/curl';
import { signRequest } from '@/lib/delivery/sign-request';
import { MASK, maskRequest } from '@/lib/render/mask';
import { renderRequest } from '@/lib/render/request';
import { makeAction, makeIncident } from '../../support/builders';

const ID = 'c0ffee00-1234-4abc-9def-0123456789ab';
const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);

describe('Copy as cURL', () => {
  it('quotes every byte for a POSIX shell and keeps computed signatures while masking secrets', async () => {
    const action = makeAction({
      auth: { kind: 'bearer', secret: 'token' },
      signing: { scheme: 'github', secrets: ['token'] },
      body: '{"title":"{{ incident.title }}"}',
    });
    const incident = makeIncident({ title: `it's $(rm -rf /) "quoted"\nnext` });
    const rendered = renderRequest(action, incident, { secrets: { token: 'tok-secret-1234' } });
    if (!rendered.ok) throw new Error(rendered.error);
    const signedRequest = await signRequest(rendered.value, action.signing, { token: 'tok-secret-1234' }, ID, NOW);
    if (!signedRequest.ok) throw new Error(signedRequest.error);
    const command = toCurl(maskRequest(signedRequest.value, action, ['tok-secret-1234']));
    expect(command).not.toContain('tok-secret-1234');
    expect(command).toContain(`-H 'Authorization: ${MASK}'`);
    expect(command).toMatch(/-H 'X-Hub-Signature-256: sha256=[0-9a-f]{64}'/);
    // The shell gives back the exact body: run the quoted argument through sh's own parser.
    const quoted = command.slice(command.indexOf('--data-binary ') + '--data-binary '.length);
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync('sh', ['-c', `printf %s ${quoted}`]).toString('utf8')).toBe(signedRequest.value.body);
  });
});
