import { readExcerpt } from '../core/read-excerpt';
import { fail, ok, type Result } from '../core/result';
import type { IncidentApi } from './site';

/** An incident with its alerts is kilobytes; anything near this is not an answer to use. */
const MAX_ANSWER_CHARS = 2_000_000;
const TIMEOUT_MS = 8_000;

export interface ApiReadOptions {
  base: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
  /** `same-origin` for the web app's own session API; `omit` for token calls, so no cookie rides along. */
  credentials: RequestCredentials;
  vendor: string;
}

/**
 * Makes an API's calls for one incident, in parallel, and gathers the JSON answers by key. The main call
 * failing fails the read with a message a responder can act on; an optional one failing only leaves its
 * key out. Nothing here puts a token into a message.
 */
export async function readApiAnswers(
  api: IncidentApi,
  incidentId: string,
  options: ApiReadOptions,
): Promise<Result<Record<string, unknown>>> {
  const base = options.base.replace(/\/+$/, '');
  const results = await Promise.all(
    api.calls(incidentId).map(async (call) => ({ call, answer: await readOne(`${base}${call.path}`, options) })),
  );
  const answers: Record<string, unknown> = {};
  for (const { call, answer } of results) {
    if (answer.ok) answers[call.key] = answer.value;
    else if (call.required) return answer;
  }
  return ok(answers);
}

async function readOne(url: string, options: ApiReadOptions): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await options.fetch(url, {
      headers: options.headers,
      credentials: options.credentials,
      // A redirect could carry the token's request elsewhere: an API that moved is an error to fix.
      redirect: 'error',
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer in ${TIMEOUT_MS / 1000} s` : 'unreachable';
    return fail(`${options.vendor} API ${reason}`);
  }
  if (!response.ok) {
    void response.body?.cancel().catch(() => {});
    return fail(`${options.vendor} API answered ${response.status}${hint(response.status)}`);
  }
  const body = await readExcerpt(response, MAX_ANSWER_CHARS).catch(() => undefined);
  if (body === undefined) return fail(`${options.vendor} API answer broke off`);
  if (body.length > MAX_ANSWER_CHARS) return fail(`${options.vendor} API answer is too large`);
  try {
    return ok(JSON.parse(body) as unknown);
  } catch {
    return fail(`${options.vendor} API answer is not JSON`);
  }
}

function hint(status: number): string {
  if (status === 401) return ' (signed out, or the token is wrong)';
  if (status === 403) return ' (the token may not read incidents)';
  if (status === 404) return ' (no such incident for this account)';
  if (status === 429) return ' (rate limited)';
  return '';
}
