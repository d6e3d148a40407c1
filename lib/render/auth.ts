import { fail, ok, type Result } from '../core/result';
import type { Auth } from '../model/auth';

/** A request's URL and headers, before and after the action's authentication is added. */
export interface Credentialed {
  url: string;
  headers: [name: string, value: string][];
}

/**
 * Puts the named secret where the receiver looks for it. Runs after the templates, so a secret's value is
 * never read as a template, and on the background's copy of the request only.
 */
export function applyAuth<T extends Credentialed>(
  request: T,
  auth: Auth | undefined,
  secrets: Readonly<Record<string, string>>,
): Result<T> {
  if (!auth) return ok(request);
  const secret = Object.hasOwn(secrets, auth.secret) ? secrets[auth.secret] : undefined;
  if (secret === undefined) return fail(missingSecret(auth.secret));
  if (auth.kind === 'query') {
    const url = new URL(request.url);
    url.searchParams.append(auth.param, secret);
    return ok({ ...request, url: url.href });
  }
  const [name, value] =
    auth.kind === 'bearer'
      ? ['Authorization', `Bearer ${secret}`]
      : auth.kind === 'basic'
        ? ['Authorization', `Basic ${base64Utf8(`${auth.username}:${secret}`)}`]
        : [auth.header, secret];
  if (/[^\t\x20-\xff]/.test(value)) return fail(`The secret "${auth.secret}" has characters a header cannot carry`);
  return ok({ ...request, headers: [...request.headers, [name, value]] });
}

export function missingSecret(name: string): string {
  return `The secret "${name}" is not set: add it in the options page under Secrets`;
}

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
