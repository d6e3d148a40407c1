import type { Result } from '../core/result';
import type { Action } from '../model/action';
import type { IncidentSnapshot } from '../model/incident';
import type { Invocation } from '../model/invocation';
import type { RenderedRequest } from '../model/request';
import { type RenderContext, renderRequest } from '../render/request';
import { signRequest } from './sign-request';

/**
 * The request ready to leave: rendered, authenticated and signed over its exact body. Used by a confirmed
 * send (background), and by "Test send" and "Copy as cURL" (options page).
 */
export async function prepareRequest(
  action: Action,
  incident: IncidentSnapshot,
  context: RenderContext & { secrets: Record<string, string>; invocation: Invocation },
  now: number = Date.now(),
): Promise<Result<RenderedRequest>> {
  const rendered = renderRequest(action, incident, context);
  if (!rendered.ok) return rendered;
  return signRequest(rendered.value, action.signing, context.secrets, context.invocation.id, now);
}
