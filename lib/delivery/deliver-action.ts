import type { Delivery, Preview } from '../messaging/messages';
import type { Action } from '../model/action';
import { constantsScope } from '../model/constants';
import type { IncidentSnapshot } from '../model/incident';
import { type LogEntry, RESPONSE_EXCERPT_CHARS } from '../model/log-entry';
import { maskRequest, type RenderedRequest, renderRequest } from '../render/request';
import { fail, ok, type Result } from '../render/result';
import { getAction } from '../storage/actions-store';
import { getConstants } from '../storage/constants-store';
import type { Database } from '../storage/database';
import { beginLogEntry, finishLogEntry } from '../storage/log-store';
import { readExcerpt } from './read-excerpt';

/** What PagerDuty gives a custom incident action to answer. */
export const SEND_TIMEOUT_MS = 16_000;

export interface DeliveryDeps {
  db: Database;
  fetch: typeof fetch;
  hasOriginPermission: (url: string) => Promise<boolean>;
  now?: () => number;
  timeoutMs?: number;
}

async function enabledAction(db: Database, actionId: string): Promise<Result<Action>> {
  const action = await getAction(db, actionId);
  if (!action?.enabled) return fail('This action was deleted or disabled in the options page');
  return ok(action);
}

/** The request the modal shows: rendered here, in the background, with secrets masked. */
export async function previewAction(
  db: Database,
  actionId: string,
  incident: IncidentSnapshot,
  answers?: Readonly<Record<string, string>>,
): Promise<Result<Preview>> {
  const action = await enabledAction(db, actionId);
  if (!action.ok) return action;
  const constants = constantsScope(await getConstants(db));
  const request = renderRequest(action.value, incident, answers, constants);
  if (!request.ok) return request;
  return ok({ actionLabel: action.value.label, request: maskRequest(request.value, action.value) });
}

/**
 * Renders and sends one confirmed action. Every confirmed click ends in exactly one log row, including
 * the ones refused before any request (missing value, origin not granted).
 */
export async function deliverAction(
  deps: DeliveryDeps,
  actionId: string,
  incident: IncidentSnapshot,
  answers?: Readonly<Record<string, string>>,
): Promise<Result<Delivery>> {
  const now = deps.now ?? Date.now;
  const found = await enabledAction(deps.db, actionId);
  if (!found.ok) return found;
  const action = found.value;

  const entry: LogEntry = {
    id: crypto.randomUUID(),
    actionId: action.id,
    actionLabel: action.label,
    incident: { site: incident.site, id: incident.id, title: incident.title, url: incident.url },
    outcome: 'sending',
    createdAt: now(),
  };

  const constants = constantsScope(await getConstants(deps.db));
  const rendered = renderRequest(action, incident, answers, constants);
  if (!rendered.ok) return notSent(deps.db, entry, rendered.error, now);
  const request = rendered.value;
  entry.request = maskRequest(request, action);

  const granted = await deps.hasOriginPermission(request.url).catch(() => false);
  if (!granted) {
    const origin = new URL(request.url).origin;
    return notSent(deps.db, entry, `Not allowed to call ${origin}: open the options page and grant access to it`, now);
  }

  await beginLogEntry(deps.db, entry);
  const result = await send(deps, request);
  const finished = await finishLogEntry(deps.db, entry.id, { ...result, finishedAt: now() });
  return ok(toDelivery(finished));
}

async function send(deps: DeliveryDeps, request: RenderedRequest): Promise<Partial<LogEntry>> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const response = await deps.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      // The endpoint gets what the action says and nothing of the user's session.
      credentials: 'omit',
      cache: 'no-store',
      // A redirect could carry the payload somewhere the user never granted.
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.timeoutMs ?? SEND_TIMEOUT_MS),
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
      ? `No answer within ${(deps.timeoutMs ?? SEND_TIMEOUT_MS) / 1000} s`
      : `Could not reach the endpoint: ${(error as Error).message}`;
    return { outcome: 'failed', latencyMs: latency(), error: message };
  }
}

async function notSent(db: Database, entry: LogEntry, error: string, now: () => number): Promise<Result<Delivery>> {
  const finished: LogEntry = { ...entry, outcome: 'not-sent', error, finishedAt: now() };
  await beginLogEntry(db, finished);
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
