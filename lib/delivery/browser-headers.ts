import type { RenderedRequest } from '../model/request';

/**
 * Headers this browser's fetch() will not send as written: Chromium ignores a User-Agent set by script
 * (crbug.com/571722) and sends its own; Firefox sends the one given. The modal and the log say so, rather
 * than show a header the receiver never gets.
 */
const DROPPED = import.meta.env?.BROWSER === 'firefox' ? new Set<string>() : new Set(['user-agent']);

export function noteDroppedHeaders(request: RenderedRequest): RenderedRequest {
  if (DROPPED.size === 0) return request;
  return {
    ...request,
    headers: request.headers.map(([name, value]) =>
      DROPPED.has(name.toLowerCase()) ? [name, `${value} (not sent: this browser sends its own)`] : [name, value],
    ),
  };
}
