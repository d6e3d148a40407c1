import { readExcerpt } from '../core/read-excerpt';
import type { IncidentSnapshot } from '../model/incident';
import type { LogEntry } from '../model/log-entry';
import { getApiAccess } from '../storage/api-access-store';
import type { Database } from '../storage/database';

const OUTCOME_WORDS: Record<LogEntry['outcome'], string> = {
  sending: 'is being sent',
  retrying: 'is being retried',
  delivered: 'delivered',
  rejected: 'rejected by the endpoint',
  failed: 'failed',
  'not-sent': 'not sent',
};

/** The note's text: what ran, how it ended, who ran it, and the start of the answer. */
export function noteText(entry: LogEntry, answer?: string): string {
  const facts = [
    entry.httpStatus !== undefined ? `HTTP ${entry.httpStatus}` : undefined,
    `${entry.attemptCount} attempt${entry.attemptCount === 1 ? '' : 's'}`,
    entry.who ? `by ${entry.who}` : undefined,
  ].filter(Boolean);
  const lines = [`Incident Actions: “${entry.actionLabel}” ${OUTCOME_WORDS[entry.outcome]} (${facts.join(', ')}).`];
  if (entry.error) lines.push(entry.error);
  if (answer) lines.push(`Response: ${answer.length > 500 ? `${answer.slice(0, 500)}…` : answer}`);
  return lines.join('\n');
}

/**
 * Posts the result to the PagerDuty incident as a note (`POST /incidents/{id}/notes`), as PagerDuty's own
 * custom actions add a timeline entry. Needs the REST API token saved for PagerDuty, with write access; the
 * `From` header names the responder where the page gave an email (account-level keys require it).
 */
export async function postIncidentNote(
  deps: { db: Database; fetch: typeof fetch; hasOriginPermission: (url: string) => Promise<boolean> },
  incident: IncidentSnapshot,
  content: string,
): Promise<NonNullable<LogEntry['note']>> {
  if (incident.site !== 'pagerduty')
    return { outcome: 'failed', error: 'Notes are posted to PagerDuty incidents only' };
  const access = await getApiAccess(deps.db, 'pagerduty');
  if (!access) return { outcome: 'failed', error: 'No PagerDuty API token is saved: add one in the options page' };
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
      signal: AbortSignal.timeout(16_000),
    });
    if (response.ok) return { outcome: 'posted' };
    const answer = await readExcerpt(response, 300);
    const hint = response.status === 403 ? ' (a read-only key cannot add notes)' : '';
    return { outcome: 'failed', error: `PagerDuty answered HTTP ${response.status}${hint}: ${answer}` };
  } catch (error) {
    return { outcome: 'failed', error: `Could not reach PagerDuty: ${(error as Error).message}` };
  }
}
