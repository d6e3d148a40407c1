import type { Action } from '../model/action';
import type { RenderedRequest } from '../model/request';
import { SIGNING_HEADERS } from '../model/signing';

export const MASK = '••••••••';
const SENSITIVE_HEADER = /authorization|token|secret|password|api[-_]?key|cookie|signature/i;
/** Below this length a "secret" would mask ordinary words; such secrets still mask their header. */
const MIN_MASKED_VALUE = 4;

/**
 * The request with every secret hidden, for the modal, the log and "Copy as cURL" (design rule 2): the values of
 * secret headers, of headers whose names say they carry credentials, the auth header, any saved secret's
 * value wherever it appears (a query token, a secret put in the body), in each encoding it may have been
 * written in, and the endpoint where the body names it.
 */
export function maskRequest(
  request: RenderedRequest,
  action: Pick<Action, 'headers' | 'auth' | 'signing'>,
  secretValues: readonly string[] = [],
  shown?: RenderedRequest,
): RenderedRequest {
  if (shown) request = withShownValues(request, shown);
  const secretNames = new Set(action.headers.filter((h) => h.secret).map((h) => h.name.toLowerCase()));
  if (action.auth?.kind === 'header') secretNames.add(action.auth.header.toLowerCase());
  // Computed signatures stay: an HMAC shows nothing of its key, and a copied request needs it to be accepted.
  const signatures = new Set(action.signing ? SIGNING_HEADERS[action.signing.scheme] : []);
  const hide = valueMasker(secretValues);
  return {
    ...request,
    url: hide(request.url),
    headers: request.headers.map(([name, value]) =>
      signatures.has(name.toLowerCase())
        ? [name, value]
        : secretNames.has(name.toLowerCase()) || SENSITIVE_HEADER.test(name)
          ? [name, MASK]
          : [name, hide(value)],
    ),
    ...(request.body === undefined ? {} : { body: hide(hideEndpoint(request.body, request.url, hide)) }),
  };
}

/**
 * The request with the URL, header values and body of its masked render (`renderShownRequest`): every output that
 * came from a secret, through any filter, is the mask there. Headers added after rendering (signatures) are the
 * real request's; the auth header is masked by name.
 */
function withShownValues(request: RenderedRequest, shown: RenderedRequest): RenderedRequest {
  return {
    ...request,
    // The URL parser percent-encodes the mask: show it as it is.
    url: shown.url.replaceAll(encodeURIComponent(MASK), MASK),
    headers: request.headers.map(([name, value], index) => {
      const [shownName, shownValue] = shown.headers[index] ?? [];
      return shownName === name && shownValue !== undefined ? [name, shownValue] : [name, value];
    }),
    ...(request.body === undefined ? {} : { body: shown.body ?? MASK }),
  };
}

/** What is shown of a request whose masked render failed: its origin, header names and nothing else. */
export function maskedWhole(request: RenderedRequest): RenderedRequest {
  const origin = URL.canParse(request.url) ? new URL(request.url).origin : '';
  return {
    ...request,
    url: `${origin}/${MASK}`,
    headers: request.headers.map(([name]) => [name, MASK]),
    ...(request.body === undefined ? {} : { body: MASK }),
  };
}

/**
 * The endpoint named in the body (PagerDuty V2's `webhook.endpoint_url`, or `{{ action.url }}`) hidden like a
 * secret: a Rundeck webhook URL carries its token in the path. A JSON string that starts with the endpoint's
 * origin and path is hidden whole, and the origin and path anywhere else; secrets in them are already masked
 * in what the body carries.
 */
function hideEndpoint(body: string, url: string, hide: (text: string) => string): string {
  if (!URL.canParse(url)) return body;
  const { origin, pathname } = new URL(url);
  const forms = [...new Set([`${origin}${pathname}`, hide(`${origin}${pathname}`)])];
  return forms.reduce((masked, form) => {
    const escaped = JSON.stringify(form).slice(1, -1);
    const quoted = new RegExp(`"${escaped.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[^"\\\\]|\\\\.)*"`, 'g');
    return masked.replace(quoted, `"${MASK}"`).split(form).join(MASK);
  }, body);
}

/** `text` with every saved secret's value hidden, in each encoding it may have been written in. */
export function maskSecretValues(text: string, secretValues: readonly string[]): string {
  return valueMasker(secretValues)(text);
}

/**
 * Hides each saved secret's value in the forms a request or an answer may carry it: as is, URL- and form-encoded,
 * JSON-escaped and base64 (standard and URL-safe, padded or not), in any letter case.
 */
function valueMasker(values: readonly string[]): (text: string) => string {
  const forms = secretForms(values);
  if (forms.length === 0) return (text) => text;
  const pattern = new RegExp(forms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  return (text) => text.replace(pattern, MASK);
}

/** The forms to hide, longest first, so a secret that contains another is hidden whole. */
function secretForms(values: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const value of values) {
    if (value.length < MIN_MASKED_VALUE) continue;
    const base64 = base64Utf8(value);
    forms.add(value);
    forms.add(encodeURIComponent(value));
    forms.add(new URLSearchParams({ v: value }).toString().slice(2));
    forms.add(JSON.stringify(value).slice(1, -1));
    forms.add(base64);
    forms.add(base64.replace(/=+$/, ''));
    forms.add(base64.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/** The longest form `valueMasker` looks for: how far past a cut an answer must be read to mask what spans it. */
export function longestSecretForm(values: readonly string[]): number {
  return secretForms(values)[0]?.length ?? 0;
}

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
