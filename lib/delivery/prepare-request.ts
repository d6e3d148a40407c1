import type { Result } from '../core/result';
import type { Action } from '../model/action';
import { deliveryPolicy } from '../model/delivery-policy';
import type { IncidentSnapshot } from '../model/incident';
import type { Invocation } from '../model/invocation';
import { isPlainHttpOffMachine, PLAIN_HTTP_REFUSED } from '../model/plain-http';
import type { RenderedRequest } from '../model/request';
import { secretOriginProblem } from '../model/secrets';
import { type RenderContext, renderRequest, renderShownRequest } from '../render/request';
import { secretsUsed } from '../render/secrets-used';
import { signRequest } from './sign-request';

type SendContext = RenderContext & {
  secrets: Record<string, string>;
  invocation: Invocation;
  /** Where each saved secret may go (design rule 10). */
  secretOrigins: Readonly<Record<string, readonly string[]>>;
};

/**
 * Why the action may not send its secrets to the request's origin: the first secret it uses (auth, signing or
 * `{{ secrets.x }}`) not bound to that origin. Checked by every send and by the preview.
 */
export function unboundSecretProblem(
  action: Action,
  url: string,
  secretOrigins: Readonly<Record<string, readonly string[]>>,
): string | undefined {
  return secretOriginProblem(secretsUsed(action), new URL(url).origin, secretOrigins);
}

/**
 * The request ready to leave: rendered, authenticated and signed over its exact body. Used by a confirmed
 * send (background), and by "Test send" and "Copy as cURL" (options page).
 */
export async function prepareRequest(
  action: Action,
  incident: IncidentSnapshot,
  context: SendContext,
  now: number = Date.now(),
): Promise<Result<RenderedRequest>> {
  const rendered = renderRequest(action, incident, context);
  if (!rendered.ok) return rendered;
  // Standard Webhooks' `webhook-id` is the event's: a follow-up of the invocation is a webhook of its own.
  return signRequest(rendered.value, action.signing, context.secrets, context.event?.id ?? context.invocation.id, now);
}

const notAllowed = (url: string) =>
  `Not allowed to call ${new URL(url).origin}: open the options page and grant access to it`;

const KB = 1_024;

/**
 * A body over the action's cap (PagerDuty's 256 KB unless the action sets its own) is refused before anything
 * is sent or queued, with its size: the modal shows this before Send, and a confirmed click logs it as not sent.
 */
export function oversizeProblem(
  request: Pick<RenderedRequest, 'body'>,
  action: Pick<Action, 'delivery'>,
): string | undefined {
  const { maxBodyKB } = deliveryPolicy(action.delivery);
  const bytes = request.body === undefined ? 0 : new TextEncoder().encode(request.body).byteLength;
  if (bytes <= maxBodyKB * KB) return undefined;
  return `The body is ${Math.ceil(bytes / KB).toLocaleString('en')} KB, over this action's limit of ${maxBodyKB.toLocaleString('en')} KB (PagerDuty drops webhooks over 256 KB): it is not sent`;
}

/**
 * The request prepared, then checked against the body cap and the host permissions: what every send does before its fetch.
 * `request` is there whenever it could be rendered (the log keeps it even when its origin was refused), with
 * `shown`, its render with secret outputs masked; `problem` says why nothing may be sent.
 */
export async function prepareToSend(
  action: Action,
  incident: IncidentSnapshot,
  context: SendContext,
  hasOriginPermission: (url: string) => Promise<boolean>,
  now: number = Date.now(),
): Promise<{ request?: RenderedRequest; shown?: Result<RenderedRequest>; problem?: string }> {
  const prepared = await prepareRequest(action, incident, context, now);
  if (!prepared.ok) return { problem: prepared.error };
  const rendered = { request: prepared.value, shown: renderShownRequest(action, incident, context) };
  const unbound = unboundSecretProblem(action, prepared.value.url, context.secretOrigins);
  if (unbound) return { ...rendered, problem: unbound };
  const oversize = oversizeProblem(prepared.value, action);
  if (oversize) return { ...rendered, problem: oversize };
  // Also for an action saved before the rule (the schema refuses it at the URL field now).
  if (!action.allowPlainHttp && isPlainHttpOffMachine(prepared.value.url))
    return { ...rendered, problem: PLAIN_HTTP_REFUSED };
  const granted = await hasOriginPermission(prepared.value.url).catch(() => false);
  return granted ? rendered : { ...rendered, problem: notAllowed(prepared.value.url) };
}
