// @vitest-environment node
import { verify as verifyGitHub } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signingPreviewHeaders, signRequest } from '@/lib/delivery/sign-request';
import type { RenderedRequest } from '@/lib/model/request';
import type { Signing } from '@/lib/model/signing';
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

describe('signRequest around the rendered request', () => {
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
});
