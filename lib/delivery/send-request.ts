import { type LogEntry, RESPONSE_EXCERPT_CHARS } from '../model/log-entry';
import type { RenderedRequest } from '../render/request';
import { readExcerpt } from './read-excerpt';

/** What PagerDuty gives a custom incident action to answer. */
export const SEND_TIMEOUT_MS = 16_000;

export type SendResult = Pick<LogEntry, 'outcome' | 'httpStatus' | 'latencyMs' | 'responseExcerpt' | 'error'>;

/**
 * One attempt: the request exactly as rendered and signed, no cookies, no cache, no redirects followed, and
 * an answer within the timeout. Never throws: every way it can end is a result to log.
 */
export async function sendRequest(
  request: RenderedRequest,
  fetcher: typeof fetch,
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<SendResult> {
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
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      return {
        outcome: 'rejected',
        httpStatus: response.status || undefined,
        latencyMs: latency(),
        error: 'The endpoint answered with a redirect, which is not followed',
      };
    }
    const responseExcerpt = await readExcerpt(response, RESPONSE_EXCERPT_CHARS);
    return {
      outcome: response.ok ? 'delivered' : 'rejected',
      httpStatus: response.status,
      latencyMs: latency(),
      responseExcerpt,
    };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const message = timedOut
      ? `No answer within ${timeoutMs / 1000} s`
      : `Could not reach the endpoint: ${(error as Error).message}`;
    return { outcome: 'failed', latencyMs: latency(), error: message };
  }
}
