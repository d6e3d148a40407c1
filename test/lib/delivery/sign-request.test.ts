// @vitest-environment node
import { verify as verifyGitHub } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { toCurl } from '@/lib/delivery/curl';
import { signingPreviewHeaders, signRequest } from '@/lib/delivery/sign-request';
import type { Action } from '@/lib/model/action';
import type { RenderedRequest } from '@/lib/model/request';
import type { Signing } from '@/lib/model/signing';
import { ActionSchema } from '@/lib/render/action-rules';
import { MASK, maskRequest } from '@/lib/render/mask';
import { renderRequest } from '@/lib/render/request';
import { makeAction, makeIncident } from '../../support/builders';
import { verifyPagerDutySignature } from '../../support/receivers/pagerduty-signature';

// Bytes beyond ASCII, quotes and a line break: the signature must cover what fetch() will send.
const BODY = JSON.stringify({ title: 'Disk full 🔥 on db "prod"\nnext line', n: 1 });
const REQUEST: RenderedRequest = {
  method: 'POST',
  url: 'https://receiver.example/hook',
  headers: [['Content-Type', 'application/json']],
  body: BODY,
};
const ID = 'c0ffee00-1234-4abc-9def-0123456789ab';
const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);
/** A key as a Standard Webhooks receiver hands it out: `whsec_` and base64 of random bytes. */
const WHSEC = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const SECRETS = { current: 'pd-secret-current', next: 'pd-secret-next', wrong: 'pd-secret-wrong', whsec: WHSEC };

async function signed(signing: Signing, request = REQUEST, now = NOW) {
  const result = await signRequest(request, signing, SECRETS, ID, now);
  if (!result.ok) throw new Error(result.error);
  return { request: result.value, header: (name: string) => result.value.headers.find(([n]) => n === name)?.[1] };
}

describe('PagerDuty signatures, checked by a verifier written from PagerDuty’s docs', () => {
  it('signs the exact UTF-8 bytes with each secret, comma-separated, for rotation', async () => {
    const { header } = await signed({ scheme: 'pagerduty', secrets: ['current', 'next'] });
    const signature = header('X-PagerDuty-Signature');
    expect(signature).toMatch(/^v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifyPagerDutySignature(Buffer.from(BODY, 'utf8'), signature, SECRETS.current)).toBe(true);
    expect(verifyPagerDutySignature(Buffer.from(BODY, 'utf8'), signature, SECRETS.next)).toBe(true);
  });

  it('the verifier rejects a wrong secret and a tampered body', async () => {
    const { header } = await signed({ scheme: 'pagerduty', secrets: ['current'] });
    const signature = header('X-PagerDuty-Signature');
    expect(verifyPagerDutySignature(BODY, signature, SECRETS.wrong)).toBe(false);
    expect(verifyPagerDutySignature(BODY.replace('"n":1', '"n":2'), signature, SECRETS.current)).toBe(false);
    expect(verifyPagerDutySignature(BODY, undefined, SECRETS.current)).toBe(false);
  });
});

describe('Standard Webhooks, checked by the npm standardwebhooks verifier', () => {
  it('is accepted, with the invocation as webhook-id', async () => {
    const { request, header } = await signed({ scheme: 'standard-webhooks', secrets: ['whsec'] }, REQUEST, Date.now());
    expect(header('webhook-id')).toBe(ID);
    const headers = Object.fromEntries(request.headers);
    expect(new Webhook(WHSEC).verify(BODY, headers)).toEqual(JSON.parse(BODY));
  });

  it('is rejected with another key, a tampered body or an old timestamp', async () => {
    const { request } = await signed({ scheme: 'standard-webhooks', secrets: ['whsec'] }, REQUEST, Date.now());
    const headers = Object.fromEntries(request.headers);
    const otherKey = `whsec_${Buffer.from('another key of thirty-two bytes!').toString('base64')}`;
    expect(() => new Webhook(otherKey).verify(BODY, headers)).toThrow();
    expect(() => new Webhook(WHSEC).verify(`${BODY} `, headers)).toThrow();
    const old = await signed({ scheme: 'standard-webhooks', secrets: ['whsec'] }, REQUEST, Date.now() - 10 * 60_000);
    expect(() => new Webhook(WHSEC).verify(BODY, Object.fromEntries(old.request.headers))).toThrow();
  });

  it('refuses a key that is not a Standard Webhooks key', async () => {
    const result = await signRequest(REQUEST, { scheme: 'standard-webhooks', secrets: ['current'] }, SECRETS, ID, NOW);
    expect(result).toEqual({ ok: false, error: expect.stringContaining('not a Standard Webhooks key') });
  });
});

describe('GitHub signatures, checked by @octokit/webhooks-methods', () => {
  it('is accepted with the secret and rejected with another or a tampered body', async () => {
    const { header } = await signed({ scheme: 'github', secrets: ['current'] });
    const signature = header('X-Hub-Signature-256') ?? '';
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(await verifyGitHub(SECRETS.current, BODY, signature)).toBe(true);
    expect(await verifyGitHub(SECRETS.wrong, BODY, signature)).toBe(false);
    expect(await verifyGitHub(SECRETS.current, BODY.replace('prod', 'dev'), signature)).toBe(false);
  });
});

describe('signing and auth around the rendered request', () => {
  it('names a missing secret instead of sending unsigned', async () => {
    const result = await signRequest(REQUEST, { scheme: 'github', secrets: ['gone'] }, SECRETS, ID, NOW);
    expect(result).toEqual({ ok: false, error: expect.stringContaining('"gone" is not set') });
  });

  it('the modal names the signature headers without computing them', () => {
    expect(signingPreviewHeaders({ scheme: 'pagerduty', secrets: ['a', 'b'] }, ID)).toEqual([
      ['X-PagerDuty-Signature', 'v1=<HMAC-SHA256 of the body>,v1=<HMAC-SHA256 of the body>'],
    ]);
    expect(signingPreviewHeaders({ scheme: 'standard-webhooks', secrets: ['a'] }, ID)[0]).toEqual(['webhook-id', ID]);
  });

  const withAuth = (auth: Action['auth'], overrides: Partial<Action> = {}) => makeAction({ auth, ...overrides });
  const secrets = { token: 'tok-3f9a-77&x=1', user_pass: 'pa:ss wörd' };
  const render = (action: Action) => {
    const request = renderRequest(action, makeIncident(), { secrets });
    if (!request.ok) throw new Error(request.error);
    return request.value;
  };

  it('bearer, basic, a custom header and a query parameter put the secret where each says', () => {
    expect(render(withAuth({ kind: 'bearer', secret: 'token' })).headers).toContainEqual([
      'Authorization',
      'Bearer tok-3f9a-77&x=1',
    ]);
    const basic = render(withAuth({ kind: 'basic', username: 'ops', secret: 'user_pass' })).headers.find(
      ([name]) => name === 'Authorization',
    )?.[1];
    expect(Buffer.from(basic?.replace('Basic ', '') ?? '', 'base64').toString('utf8')).toBe('ops:pa:ss wörd');
    expect(render(withAuth({ kind: 'header', header: 'pagertree-token', secret: 'token' })).headers).toContainEqual([
      'pagertree-token',
      'tok-3f9a-77&x=1',
    ]);
    const url = new URL(render(withAuth({ kind: 'query', param: 'authtoken', secret: 'token' })).url);
    // Encoded as one parameter: the secret's "&x=1" adds no parameter.
    expect([...url.searchParams]).toEqual([['authtoken', 'tok-3f9a-77&x=1']]);
  });

  it('masks a secret wherever it went: auth header, query, a header template and the body', () => {
    const action = withAuth(
      { kind: 'query', param: 'authtoken', secret: 'token' },
      {
        headers: [{ name: 'X-Trace', value: 'k={{ secrets.token }}', secret: false }],
        body: '{"echo":"{{ secrets.token }}"}',
      },
    );
    const request = render(action);
    expect(JSON.stringify(request)).toContain('tok-3f9a-77');
    const masked = JSON.stringify(maskRequest(request, action, Object.values(secrets)));
    expect(masked).not.toContain('tok-3f9a');
    expect(masked).not.toContain('3f9a-77');
    expect(masked).toContain(MASK);
  });

  it('refuses secrets where the incident page would see them, and headers the action writes twice', () => {
    const issues = (action: Action) => {
      const parsed = ActionSchema.safeParse(action);
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    expect(issues(makeAction({ label: 'Run {{ secrets.token }}' }))).toEqual([
      'label: "secrets.token" can be used only in the URL, the headers and the body',
    ]);
    expect(
      issues(
        makeAction({
          headers: [{ name: 'X-PagerDuty-Signature', value: 'x', secret: false }],
          signing: { scheme: 'pagerduty', secrets: ['token'] },
        }),
      ),
    ).toEqual(["headers.0.name: This header is written by the action's signing: remove it here"]);
    expect(issues(makeAction({ signing: { scheme: 'github', secrets: ['a', 'b'] } }))).toEqual([
      'signing.secrets: GitHub signatures use one secret',
    ]);
    expect(issues(makeAction({ signing: { scheme: 'pagerduty', secrets: [] } }))).toEqual([
      'signing.secrets: Choose the signing secret',
    ]);
  });
});

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
