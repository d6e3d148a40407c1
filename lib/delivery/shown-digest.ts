import type { RenderedRequest } from '../model/request';
import type { Signing } from '../model/signing';
import type { Database } from '../storage/database';

const KEY = 'previewKey';

/**
 * What identifies the request a modal showed: an HMAC-SHA-256, under a random key kept in the background, over the
 * rendered request with its secrets in clear (a changed secret changes it) and the signing choice with its keys.
 * Keyed, so that the content script, which sees the rest of the request, cannot test guesses of a secret against it.
 * The signature itself is left out: it carries the time it is computed.
 */
export async function shownDigest(
  db: Database,
  request: RenderedRequest,
  signing: Signing | undefined,
  secrets: Readonly<Record<string, string>>,
): Promise<string> {
  const canonical = JSON.stringify([
    request.method,
    request.url,
    request.headers,
    request.body ?? null,
    signing ? [signing.scheme, signing.secrets.map((name) => [name, secrets[name] ?? null])] : null,
  ]);
  const key = await crypto.subtle.importKey('raw', await previewKey(db), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(canonical)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The key, made once: kept in IndexedDB so that a modal outlives the worker being stopped while it is open. */
async function previewKey(db: Database): Promise<Uint8Array<ArrayBuffer>> {
  const fresh = Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  const tx = db.transaction('settings', 'readwrite');
  const found = await tx.store.get(KEY);
  const hex = found?.key === KEY ? found.value : fresh;
  if (found?.key !== KEY) await tx.store.put({ key: KEY, value: hex });
  await tx.done;
  return new Uint8Array(hex.match(/../g)?.map((pair) => Number.parseInt(pair, 16)) ?? []);
}
