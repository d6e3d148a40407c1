import { readExcerpt } from '../core/read-excerpt';
import { type Attempt, RESPONSE_EXCERPT_CHARS, RESPONSE_HEADERS_KEPT } from '../model/log-entry';
import type { RenderedRequest } from '../model/request';
import { longestSecretForm, maskSecretValues } from '../render/mask';

export interface SendResult {
  outcome: 'delivered' | 'rejected' | 'failed' | 'not-sent';
  httpStatus?: number;
  latencyMs?: number;
  responseHeaders?: Attempt['responseHeaders'];
  responseExcerpt?: string;
  error?: string;
  /** The answer's `Retry-After`, for the retry policy. */
  retryAfter?: string;
}

/**
 * One attempt: the request exactly as rendered and signed, no cookies, no cache, no redirects followed, and
 * an answer within the timeout. Never throws: every way it can end is a result to log. A saved secret's value
 * that the receiver echoes, in any form `maskSecretValues` knows, is masked in the answer kept.
 */
export async function sendRequest(
  request: RenderedRequest,
  fetcher: typeof fetch,
  timeoutMs: number,
  secretValues: readonly string[],
): Promise<SendResult> {
  const hide = (text: string) => maskSecretValues(text, secretValues);
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const response = await fetcher(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      // The endpoint gets what the action says and nothing of the user's session.
      credentials: 'omit',
      cache: 'no-store',
      // A redirect could carry the payload somewhere the user never granted.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const responseHeaders = keptHeaders(response.headers, hide);
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      return {
        outcome: 'rejected',
        httpStatus: response.status || undefined,
        latencyMs: latency(),
        responseHeaders,
        error: 'The endpoint answered with a redirect, which is not followed',
      };
    }
    const responseExcerpt = await readExcerpt(response, RESPONSE_EXCERPT_CHARS, hide, longestSecretForm(secretValues));
    return {
      outcome: response.ok ? 'delivered' : 'rejected',
      httpStatus: response.status,
      latencyMs: latency(),
      responseHeaders,
      responseExcerpt,
      retryAfter: response.headers.get('retry-after') ?? undefined,
    };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const message = timedOut
      ? `No answer within ${timeoutMs / 1000} s`
      : `Could not reach the endpoint: ${(error as Error).message} (${UNREACHABLE_CAUSES})`;
    return { outcome: 'failed', latencyMs: latency(), error: message };
  }
}

/**
 * A failed fetch says no more than "Failed to fetch" (Chromium) or "NetworkError when attempting to fetch
 * resource." (Firefox), whatever the cause: the log says what it may have been.
 */
const UNREACHABLE_CAUSES = 'refused, unknown host, or a TLS or certificate error: the browser does not say which';

/** The answer's headers for the log, capped in number and length. */
function keptHeaders(headers: Headers, hide: (text: string) => string): [string, string][] {
  const kept: [string, string][] = [];
  headers.forEach((value, name) => {
    if (kept.length < RESPONSE_HEADERS_KEPT && name !== 'set-cookie')
      kept.push([name.toLowerCase(), hide(value).slice(0, 500)]);
  });
  return kept;
}
