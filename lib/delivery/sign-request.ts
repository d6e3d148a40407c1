import { fail, ok, type Result } from '../core/result';
import type { RenderedRequest } from '../model/request';
import type { Signing } from '../model/signing';
import { missingSecret } from '../render/auth';

/**
 * Adds the action's signature headers, computed over the exact bytes of the body that will be sent (the
 * string is UTF-8 encoded here as fetch() will encode it). Runs in the background at each attempt, with
 * WebCrypto: a Standard Webhooks signature covers its timestamp, so a retry is signed again.
 *
 * `webhookId` is the invocation's id: Standard Webhooks' `webhook-id`, the same on every attempt.
 */
export async function signRequest(
  request: RenderedRequest,
  signing: Signing | undefined,
  secrets: Readonly<Record<string, string>>,
  webhookId: string,
  now: number = Date.now(),
): Promise<Result<RenderedRequest>> {
  if (!signing) return ok(request);
  const keys: string[] = [];
  for (const name of signing.secrets) {
    const secret = Object.hasOwn(secrets, name) ? secrets[name] : undefined;
    if (secret === undefined) return fail(missingSecret(name));
    keys.push(secret);
  }
  const body = new TextEncoder().encode(request.body ?? '');
  let added: [string, string][];
  if (signing.scheme === 'pagerduty') {
    const signatures = await Promise.all(keys.map(async (key) => `v1=${hex(await hmac(utf8(key), body))}`));
    added = [['X-PagerDuty-Signature', signatures.join(',')]];
  } else if (signing.scheme === 'github') {
    added = [['X-Hub-Signature-256', `sha256=${hex(await hmac(utf8(keys[0] ?? ''), body))}`]];
  } else {
    const timestamp = String(Math.floor(now / 1000));
    const signed = concat(utf8(`${webhookId}.${timestamp}.`), body);
    const signatures: string[] = [];
    for (const [index, key] of keys.entries()) {
      const bytes = standardWebhooksKey(key);
      if (!bytes) {
        return fail(
          `The secret "${signing.secrets[index]}" is not a Standard Webhooks key: it is "whsec_" and base64, as the receiver gave it`,
        );
      }
      signatures.push(`v1,${base64(await hmac(bytes, signed))}`);
    }
    added = [
      ['webhook-id', webhookId],
      ['webhook-timestamp', timestamp],
      ['webhook-signature', signatures.join(' ')],
    ];
  }
  const replaced = new Set(added.map(([name]) => name.toLowerCase()));
  return ok({
    ...request,
    headers: [...request.headers.filter(([name]) => !replaced.has(name.toLowerCase())), ...added],
  });
}

/** What the modal shows for the signature headers: they are computed when the request leaves. */
export function signingPreviewHeaders(signing: Signing | undefined, webhookId: string): [string, string][] {
  if (!signing) return [];
  if (signing.scheme === 'pagerduty')
    return [['X-PagerDuty-Signature', signing.secrets.map(() => 'v1=<HMAC-SHA256 of the body>').join(',')]];
  if (signing.scheme === 'github') return [['X-Hub-Signature-256', 'sha256=<HMAC-SHA256 of the body>']];
  return [
    ['webhook-id', webhookId],
    ['webhook-timestamp', '<time of sending>'],
    ['webhook-signature', signing.secrets.map(() => 'v1,<HMAC-SHA256 of id.timestamp.body>').join(' ')],
  ];
}

/** A `whsec_`-prefixed (or bare) base64 key, decoded; undefined when it is not one. */
function standardWebhooksKey(secret: string): Uint8Array | undefined {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined;
  try {
    const bytes = Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0));
    return bytes.length > 0 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

async function hmac(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const imported = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return new Uint8Array(await crypto.subtle.sign('HMAC', imported, data as BufferSource));
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
