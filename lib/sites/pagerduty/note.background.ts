import { readExcerpt } from '../../core/read-excerpt';
import type { ApiAccess } from '../../model/api-access';
import { DEFAULT_DELIVERY } from '../../model/delivery-policy';
import type { IncidentSnapshot } from '../../model/incident';
import type { LogEntry } from '../../model/log-entry';

export type NoteOutcome = NonNullable<LogEntry['note']>;

/**
 * Posts a note to a PagerDuty incident (`POST /incidents/{id}/notes`), as PagerDuty's own custom actions add a
 * timeline entry. Needs the REST API token saved for PagerDuty, with write access; the `From` header names the
 * responder where the page gave an email (account-level keys require it). Background only: it holds the token.
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
  try {
    const response = await deps.fetch(url, {
      method: 'POST',
      headers: {
        Accept: 'application/vnd.pagerduty+json;version=2',
        'Content-Type': 'application/json',
        Authorization: `Token token=${access.token}`,
        ...(incident.user?.email ? { From: incident.user.email } : {}),
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
