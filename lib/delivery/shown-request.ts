import type { Result } from '../core/result';
import type { Action } from '../model/action';
import type { RenderedRequest } from '../model/request';
import { maskedWhole, maskRequest } from '../render/mask';
import { noteDroppedHeaders } from './browser-headers';
import { signingPreviewHeaders } from './sign-request';

/**
 * The request as the log shows it: secrets masked, headers the browser will not send marked. `shown` is its
 * masked render (`renderShownRequest`), which masks every output a secret went into; if that failed, only the
 * request's origin and header names are shown (design rule 10).
 */
export function shownRequest(
  request: RenderedRequest,
  action: Pick<Action, 'headers' | 'auth' | 'signing'>,
  secretValues: readonly string[],
  shown: Result<RenderedRequest>,
): RenderedRequest {
  const masked = shown.ok
    ? maskRequest(request, action, secretValues, shown.value)
    : maskRequest(maskedWhole(request), action, secretValues);
  return noteDroppedHeaders(masked);
}

/** The request as a preview shows it (the modal, the editor): also the signature headers, computed when sent. */
export function shownPreview(
  request: RenderedRequest,
  action: Pick<Action, 'headers' | 'auth' | 'signing'>,
  secretValues: readonly string[],
  shown: Result<RenderedRequest>,
  invocationId: string,
): RenderedRequest {
  const masked = shownRequest(request, action, secretValues, shown);
  return { ...masked, headers: [...masked.headers, ...signingPreviewHeaders(action.signing, invocationId)] };
}
