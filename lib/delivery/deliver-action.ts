import { fail, ok, type Result } from '../core/result';
import { ACTION_CHANGED } from '../messaging/content-client';
import type { Delivery, Preview } from '../messaging/messages';
import type { Action } from '../model/action';
import { type DeliveryPolicy, deliveryPolicy } from '../model/delivery-policy';
import type { IncidentSnapshot } from '../model/incident';
import type { Invocation } from '../model/invocation';
import type { LogDetails, LogEntry } from '../model/log-entry';
import type { OutboxItem } from '../model/outbox-item';
import { isPlainHttpOffMachine, PLAIN_HTTP_REFUSED } from '../model/plain-http';
import type { RenderedRequest } from '../model/request';
import { renderRequest, renderShownRequest } from '../render/request';
import { startEvent } from '../render/request-scope';
import { buildScope, regexCutNotes } from '../render/scope';
import { getAction } from '../storage/actions-store';
import type { Database } from '../storage/database';
import { addFinalLogEntry, getLogDetails, getLogEntry, isQuotaError, pruneLog } from '../storage/log-store';
import { enqueueInvocation, pendingRunBefore } from '../storage/outbox-store';
import { followUpNotes } from './lifecycle';
import type { Outbox } from './outbox-runner';
import { oversizeProblem, prepareToSend, unboundSecretProblem } from './prepare-request';
import { loadRenderContext } from './render-context';
import { sendRequest } from './send-request';
import { shownDigest } from './shown-digest';
import { shownPreview, shownRequest } from './shown-request';

export interface DeliveryDeps {
  db: Database;
  fetch: typeof fetch;
  hasOriginPermission: (url: string) => Promise<boolean>;
  outbox: Outbox;
  now?: () => number;
  onLogChanged?: () => void;
  /** The disk was full: this many of the oldest log rows were pruned to make room. */
  onStorageFull?: (pruned: number) => void;
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
  const queuedBehind = await pendingRunBefore(db, actionId, incident);
  const request = renderRequest(action.value, incident, context);
  if (!request.ok) return request;
  const unbound = unboundSecretProblem(action.value, request.value.url, context.secretOrigins);
  if (unbound) return fail(unbound);
  const oversize = oversizeProblem(request.value, action.value);
  if (oversize) return fail(oversize);
  if (!action.value.allowPlainHttp && isPlainHttpOffMachine(request.value.url)) return fail(PLAIN_HTTP_REFUSED);
  const masked = renderShownRequest(action.value, incident, context);
  const shown = shownPreview(request.value, action.value, context.secretValues, masked, invocation.id);
  const followUps = followUpNotes(action.value.lifecycle);
  const scope = buildScope(incident, action.value.variables, {}, context.constants);
  const regexCut = scope.ok ? regexCutNotes(action.value.conditions, action.value.variables, scope.value) : [];
  return ok({
    actionLabel: action.value.label,
    request: shown,
    digest: await shownDigest(db, request.value, action.value.signing, context.secrets),
    ...(followUps.length > 0 ? { followUps } : {}),
    ...(regexCut.length > 0 ? { regexCut } : {}),
    ...(queuedBehind ? { queuedBehind } : {}),
  });
}

/**
 * One confirmed click: checked, committed to the outbox with its log row, then attempted once here; the
 * outbox retries it if the answer says so. Every confirmed click ends in exactly one final log row, keyed
 * by the invocation, including the ones refused before any request (missing value, origin not granted); a
 * second send of the same invocation (a double submit) is refused.
 */
export async function deliverAction(
  deps: DeliveryDeps,
  actionId: string,
  incident: IncidentSnapshot,
  answers: Readonly<Record<string, string>> | undefined,
  invocation: Invocation,
  /** `shown`: the digest of the request the modal previewed (design rule 10); a resend from the history has none. */
  options: { resentFrom?: string; sendNow?: boolean; shown?: string } = {},
): Promise<Result<Delivery>> {
  const { resentFrom } = options;
  const now = deps.now ?? Date.now;
  const found = await enabledAction(deps.db, actionId);
  if (!found.ok) return found;
  const action = found.value;
  if (await getLogEntry(deps.db, invocation.id)) return fail(ALREADY_SENT);
  const context = await loadRenderContext(deps.db, { answers, invocation });
  if (options.shown !== undefined) {
    // Rendered again as the preview was: an edit of the action, a constant or a secret since then asks again.
    const again = renderRequest(action, incident, context);
    const digest = again.ok ? await shownDigest(deps.db, again.value, action.signing, context.secrets) : undefined;
    if (digest !== options.shown) return fail(ACTION_CHANGED);
  }

  const who = incident.user?.name ?? incident.user?.email;
  const entry: LogEntry = {
    id: invocation.id,
    actionId: action.id,
    actionLabel: action.label,
    incident: { site: incident.site, id: incident.id, title: incident.title, url: incident.url },
    ...(who ? { who } : {}),
    ...(resentFrom ? { resentFrom } : {}),
    ...(action.lifecycle ? { event: { ...action.lifecycle.start } } : {}),
    outcome: 'sending',
    attemptCount: 0,
    createdAt: now(),
  };
  const details: LogDetails = {
    id: invocation.id,
    attempts: [],
    incident,
    ...(answers ? { answers: { ...answers } } : {}),
  };

  const { request, shown, problem } = await prepareToSend(
    action,
    incident,
    { ...context, invocation },
    deps.hasOriginPermission,
    now(),
  );
  if (request && shown) details.request = shownRequest(request, action, context.secretValues, shown);
  if (problem || !request) return notSent(deps, entry, details, problem ?? 'The request could not be prepared');

  const policy = deliveryPolicy(action.delivery);
  const item: OutboxItem = {
    id: invocation.id,
    invocation,
    action,
    incident,
    ...(answers ? { answers: { ...answers } } : {}),
    policy,
    ...(action.lifecycle ? { event: startEvent(action, invocation) } : {}),
    ...(options.sendNow ? { sendNow: true } : {}),
    attempts: 0,
    nextAttemptAt: entry.createdAt,
    deadline: entry.createdAt + policy.giveUpAfterMinutes * 60_000,
  };
  const queued = await withRoom(deps, () => enqueueInvocation(deps.db, entry, details, item));
  if (queued === 'full') return ok(await sendUnlogged(deps, request, policy, context.secretValues));
  if (!queued) return fail(ALREADY_SENT);
  if (queued.outcome === 'queued') deps.onLogChanged?.(); // on the timeline while it waits its turn
  const attempted = (await deps.outbox.attempt(invocation.id)) ?? queued;
  const answer = (await getLogDetails(deps.db, invocation.id))?.attempts.at(-1)?.responseExcerpt;
  return ok({ ...toDelivery(attempted, policy), ...(answer ? { responseExcerpt: answer } : {}) });
}

async function notSent(
  deps: DeliveryDeps,
  entry: LogEntry,
  details: LogDetails,
  error: string,
): Promise<Result<Delivery>> {
  const finished: LogEntry = { ...entry, outcome: 'not-sent', error, finishedAt: (deps.now ?? Date.now)() };
  const added = await withRoom(deps, () => addFinalLogEntry(deps.db, finished, details));
  if (added === false) return fail(ALREADY_SENT);
  deps.onLogChanged?.();
  return ok(toDelivery(finished));
}

/** The disk is full even after pruning: the responder confirmed, so it is sent once, and the reply says so. */
async function sendUnlogged(
  deps: DeliveryDeps,
  request: RenderedRequest,
  policy: DeliveryPolicy,
  secretValues: readonly string[],
): Promise<Delivery> {
  const result = await sendRequest(request, deps.fetch, policy.timeoutSeconds * 1000, secretValues);
  return {
    logId: '',
    outcome: result.outcome,
    httpStatus: result.httpStatus,
    latencyMs: result.latencyMs,
    responseExcerpt: result.responseExcerpt,
    error: [result.error, STORAGE_FULL].filter(Boolean).join('. '),
  };
}

const STORAGE_FULL =
  'The disk is full: this send was made once, without retries, and is not in the history. Free some space.';

/**
 * A write that meets a full disk prunes the oldest tenth of the history and tries once more (design rule 7 bends
 * here: keeping the history must not stop a responder's action). `full` when there is still no room.
 */
async function withRoom<T>(deps: DeliveryDeps, write: () => Promise<T>): Promise<T | 'full'> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
  }
  const count = await deps.db.count('log');
  const pruned = await pruneLog(deps.db, { keep: Math.floor(count * 0.9) });
  deps.onStorageFull?.(pruned);
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) return 'full';
    throw error;
  }
}

function toDelivery(entry: LogEntry, policy?: DeliveryPolicy): Delivery {
  return {
    logId: entry.id,
    outcome: entry.outcome === 'sending' ? 'failed' : entry.outcome,
    httpStatus: entry.httpStatus,
    latencyMs: entry.latencyMs,
    error: entry.error,
    attemptCount: entry.attemptCount,
    ...(entry.queuedBehind ? { queuedBehind: entry.queuedBehind } : {}),
    ...(entry.sentAhead ? { sentAhead: entry.sentAhead } : {}),
    ...(entry.outcome === 'retrying' && policy
      ? { nextAttemptAt: entry.nextAttemptAt, maxAttempts: policy.maxAttempts }
      : {}),
  };
}
