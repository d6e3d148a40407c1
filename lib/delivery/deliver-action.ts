import type { Delivery, Preview } from '../messaging/messages';
import type { Action } from '../model/action';
import type { IncidentSnapshot } from '../model/incident';
import type { LogEntry } from '../model/log-entry';
import { renderRequest } from '../render/request';
import type { Invocation } from '../render/request-scope';
import { fail, ok, type Result } from '../render/result';
import { getAction } from '../storage/actions-store';
import type { Database } from '../storage/database';
import { beginLogEntry, finishLogEntry } from '../storage/log-store';
import { prepareRequest } from './prepare-request';
import { loadRenderContext } from './render-context';
import { sendRequest } from './send-request';
import { shownPreview, shownRequest } from './shown-request';

export { SEND_TIMEOUT_MS } from './send-request';

export interface DeliveryDeps {
  db: Database;
  fetch: typeof fetch;
  hasOriginPermission: (url: string) => Promise<boolean>;
  now?: () => number;
  timeoutMs?: number;
}

const ALREADY_SENT = 'This confirmation was already sent: close the dialog and click the button again';

async function enabledAction(db: Database, actionId: string): Promise<Result<Action>> {
  const action = await getAction(db, actionId);
  if (!action?.enabled) return fail('This action was deleted or disabled in the options page');
  return ok(action);
}

/**
 * The request the modal shows: rendered here, in the background, with secrets masked and the signature
 * headers named (they are computed over the body when it leaves).
 */
export async function previewAction(
  db: Database,
  actionId: string,
  incident: IncidentSnapshot,
  answers: Readonly<Record<string, string>> | undefined,
  invocation: Invocation,
): Promise<Result<Preview>> {
  const action = await enabledAction(db, actionId);
  if (!action.ok) return action;
  const context = await loadRenderContext(db, { answers, invocation });
  const request = renderRequest(action.value, incident, context);
  if (!request.ok) return request;
  const shown = shownPreview(request.value, action.value, context.secretValues, invocation.id);
  return ok({ actionLabel: action.value.label, request: shown });
}

/**
 * Renders, signs and sends one confirmed action. Every confirmed click ends in exactly one log row, keyed by
 * the invocation, including the ones refused before any request (missing value, origin not granted); a
 * second send of the same invocation (a double submit) is refused.
 */
export async function deliverAction(
  deps: DeliveryDeps,
  actionId: string,
  incident: IncidentSnapshot,
  answers: Readonly<Record<string, string>> | undefined,
  invocation: Invocation,
): Promise<Result<Delivery>> {
  const now = deps.now ?? Date.now;
  const found = await enabledAction(deps.db, actionId);
  if (!found.ok) return found;
  const action = found.value;
  if (await deps.db.get('log', invocation.id)) return fail(ALREADY_SENT);

  const entry: LogEntry = {
    id: invocation.id,
    actionId: action.id,
    actionLabel: action.label,
    incident: { site: incident.site, id: incident.id, title: incident.title, url: incident.url },
    outcome: 'sending',
    createdAt: now(),
  };

  const context = await loadRenderContext(deps.db, { answers, invocation });
  const prepared = await prepareRequest(action, incident, { ...context, invocation }, now());
  if (!prepared.ok) return notSent(deps.db, entry, prepared.error, now);
  const request = prepared.value;
  entry.request = shownRequest(request, action, context.secretValues);

  const granted = await deps.hasOriginPermission(request.url).catch(() => false);
  if (!granted) {
    const origin = new URL(request.url).origin;
    return notSent(deps.db, entry, `Not allowed to call ${origin}: open the options page and grant access to it`, now);
  }

  if (!(await beginLogEntry(deps.db, entry))) return fail(ALREADY_SENT);
  const result = await sendRequest(request, deps.fetch, deps.timeoutMs);
  const finished = await finishLogEntry(deps.db, entry.id, { ...result, finishedAt: now() });
  return ok(toDelivery(finished));
}

async function notSent(db: Database, entry: LogEntry, error: string, now: () => number): Promise<Result<Delivery>> {
  const finished: LogEntry = { ...entry, outcome: 'not-sent', error, finishedAt: now() };
  if (!(await beginLogEntry(db, finished))) return fail(ALREADY_SENT);
  return ok(toDelivery(finished));
}

function toDelivery(entry: LogEntry): Delivery {
  return {
    logId: entry.id,
    outcome: entry.outcome === 'sending' ? 'failed' : entry.outcome,
    httpStatus: entry.httpStatus,
    latencyMs: entry.latencyMs,
    responseExcerpt: entry.responseExcerpt,
    error: entry.error,
  };
}
