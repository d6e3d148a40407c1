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
    const quoted = command.slice(command.indexOf('--data-raw ') + '--data-raw '.length);
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync('sh', ['-c', `printf %s ${quoted}`]).toString('utf8')).toBe(signedRequest.value.body);
  });

  it('sends a body starting with @ literally: curl reads no file', async () => {
    const body = '@/etc/passwd';
    const command = toCurl({ method: 'POST', url: 'http://127.0.0.1:1/x', headers: [], body });
    expect(command).toContain("--data-raw '@/etc/passwd'");
    expect(command).not.toContain('--data-binary');
    const { execFileSync } = await import('node:child_process');
    const curl = (() => {
      try {
        return execFileSync('sh', ['-c', 'command -v curl']).toString().trim();
      } catch {
        return '';
      }
    })();
    if (!curl) return;
    // Run the generated command against a local receiver: the body that arrives is the text, not the file.
    const { createServer } = await import('node:http');
    const received = await new Promise<string>((resolve, reject) => {
      const server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          response.end('ok');
          server.close();
          resolve(Buffer.concat(chunks).toString('utf8'));
        });
      });
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        const local = toCurl({ method: 'POST', url: `http://127.0.0.1:${port}/x`, headers: [], body });
        import('node:child_process').then(({ exec }) =>
          exec(`${local} -s -o /dev/null`, (error) => {
            if (error) reject(error);
          }),
        );
      });
    });
    expect(received).toBe(body);
  });
});
