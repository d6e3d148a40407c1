import { readExcerpt } from '../../core/read-excerpt';
import type { ApiAccess } from '../../model/api-access';
import { DEFAULT_DELIVERY } from '../../model/delivery-policy';
import type { IncidentSnapshot } from '../../model/incident';
import type { LogEntry } from '../../model/log-entry';

export type NoteOutcome = NonNullable<LogEntry['note']>;

/**
 * Posts a note to a PagerDuty incident (`POST /incidents/{id}/notes`), as PagerDuty's own custom actions add a
 * timeline entry. Needs the REST API token saved for PagerDuty, with write access. The `From` header (account-level
 * keys require it) names the token's owner as PagerDuty's API says (`GET /users/me`), never an e-mail a page could
 * write; only an account-level key, which has no owner, falls back to the signed-in user the incident carries (the
 * session's `/users/me` on the current app). Background only: it holds the token.
 */
export async function postPagerDutyNote(
  deps: { fetch: typeof fetch; hasOriginPermission: (url: string) => Promise<boolean> },
  access: ApiAccess | undefined,
  incident: IncidentSnapshot,
  content: string,
): Promise<NoteOutcome> {
  if (incident.site !== 'pagerduty')
    return { outcome: 'failed', error: 'Notes are posted to PagerDuty incidents only' };
  if (access?.site !== 'pagerduty') {
    return { outcome: 'failed', error: 'No PagerDuty API token is saved: add one in the options page' };
  }
  const url = `${access.base.replace(/\/$/, '')}/incidents/${encodeURIComponent(incident.id)}/notes`;
  if (!(await deps.hasOriginPermission(url).catch(() => false))) {
    return { outcome: 'failed', error: `Not allowed to call ${new URL(url).origin}: save the token again` };
  }
  const from = (await tokenOwnerEmail(deps.fetch, access)) ?? incident.user?.email;
  try {
    const response = await deps.fetch(url, {
      method: 'POST',
      headers: {
        ...API_HEADERS(access),
        'Content-Type': 'application/json',
        ...(from ? { From: from } : {}),
      },
      body: JSON.stringify({ note: { content } }),
      credentials: 'omit',
      redirect: 'manual',
      // The time a webhook is given to answer.
      signal: AbortSignal.timeout(DEFAULT_DELIVERY.timeoutSeconds * 1000),
    });
    if (response.ok) return { outcome: 'posted' };
    const answer = await readExcerpt(response, 300);
    const hint = response.status === 403 ? ' (a read-only key cannot add notes)' : '';
    return { outcome: 'failed', error: `PagerDuty answered HTTP ${response.status}${hint}: ${answer}` };
  } catch (error) {
    return { outcome: 'failed', error: `Could not reach PagerDuty: ${(error as Error).message}` };
  }
}

const API_HEADERS = (access: ApiAccess) => ({
  Accept: 'application/vnd.pagerduty+json;version=2',
  Authorization: `Token token=${access.token}`,
});

/** Owners by token, for the worker's life: one lookup per token, not one per note. */
const owners = new Map<string, Promise<string | undefined>>();

/** The e-mail of the user a token belongs to; undefined for an account-level key (PagerDuty answers 400) or no answer. */
function tokenOwnerEmail(fetchFn: typeof fetch, access: ApiAccess): Promise<string | undefined> {
  const key = `${access.base}\n${access.token}`;
  let owner = owners.get(key);
  if (!owner) {
    owner = lookUpOwner(fetchFn, access);
    owners.set(key, owner);
    // Only an answer is kept: a lookup that failed is tried again at the next note.
    void owner.then((email) => email === undefined && owners.delete(key));
  }
  return owner;
}

async function lookUpOwner(fetchFn: typeof fetch, access: ApiAccess): Promise<string | undefined> {
  try {
    const response = await fetchFn(`${access.base.replace(/\/$/, '')}/users/me`, {
      headers: API_HEADERS(access),
      credentials: 'omit',
      redirect: 'manual',
      signal: AbortSignal.timeout(DEFAULT_DELIVERY.timeoutSeconds * 1000),
    });
    if (!response.ok) return undefined;
    const email = (JSON.parse(await readExcerpt(response, 64 * 1024)) as { user?: { email?: unknown } }).user?.email;
    return typeof email === 'string' && email.length <= 320 && email.includes('@') ? email : undefined;
  } catch {
    return undefined;
  }
}
