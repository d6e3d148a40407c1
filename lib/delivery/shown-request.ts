import type { Action } from '../model/action';
import type { RenderedRequest } from '../model/request';
import { maskRequest } from '../render/mask';
import { noteDroppedHeaders } from './browser-headers';
import { signingPreviewHeaders } from './sign-request';

/** The request as the log shows it: secrets masked, headers the browser will not send marked. */
export function shownRequest(
  request: RenderedRequest,
  action: Pick<Action, 'headers' | 'auth' | 'signing'>,
  secretValues: readonly string[],
): RenderedRequest {
  return noteDroppedHeaders(maskRequest(request, action, secretValues));
}

/** The request as a preview shows it (the modal, the editor): also the signature headers, computed when sent. */
export function shownPreview(
  request: RenderedRequest,
  action: Pick<Action, 'headers' | 'auth' | 'signing'>,
  secretValues: readonly string[],
  invocationId: string,
): RenderedRequest {
  const shown = shownRequest(request, action, secretValues);
  return { ...shown, headers: [...shown.headers, ...signingPreviewHeaders(action.signing, invocationId)] };
}
