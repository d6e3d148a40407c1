import { describe, expect, it } from 'vitest';
import { shownDigest } from '@/lib/delivery/shown-digest';
import type { RenderedRequest } from '@/lib/model/request';
import { freshDatabase } from '../../support/builders';

const REQUEST: RenderedRequest = {
  method: 'POST',
  url: 'https://hooks.example.com/run',
  headers: [['Authorization', 'Bearer sk-live-1']],
  body: '{"a":1}',
};
const SIGNING = { scheme: 'github' as const, secrets: ['hook_key'] };

describe('shownDigest', () => {
  it('is the same for the same request, and changes with every part of it and its signing', async () => {
    const db = await freshDatabase();
    const digest = (
      request: RenderedRequest,
      secrets: Record<string, string> = { hook_key: 'k1' },
      signing = SIGNING,
    ) => shownDigest(db, request, signing, secrets);
    const base = await digest(REQUEST);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await digest({ ...REQUEST })).toBe(base);
    const variants = await Promise.all([
      digest({ ...REQUEST, method: 'PUT' }),
      digest({ ...REQUEST, url: 'https://hooks.example.com/run2' }),
      digest({ ...REQUEST, headers: [['Authorization', 'Bearer sk-live-2']] }),
      digest({ ...REQUEST, body: undefined }),
      digest(REQUEST, { hook_key: 'k2' }),
      digest(REQUEST, { hook_key: 'k1' }, { scheme: 'github', secrets: ['other'] }),
      shownDigest(db, REQUEST, undefined, {}),
    ]);
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('is keyed by a random key of this profile: the request alone does not give it', async () => {
    const [one, other] = await Promise.all([freshDatabase(), freshDatabase()]);
    const unkeyed = Array.from(
      new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(REQUEST)))),
      (byte) => byte.toString(16).padStart(2, '0'),
    ).join('');
    const digests = await Promise.all([one, one, other].map((db) => shownDigest(db, REQUEST, undefined, {})));
    expect(digests[0]).toBe(digests[1]);
    expect(digests[0]).not.toBe(digests[2]);
    expect(digests).not.toContain(unkeyed);
    expect((await one.get('settings', 'previewKey'))?.value).toMatch(/^[0-9a-f]{64}$/);
  });
});
