import type { ReceivedRequest, ReceiverAnswer, ReceiverFault } from './receiver.ts';

/**
 * A receiver that fails on purpose, by path: `/faults/<fault>`. Each fault plays its failure on the first
 * request for its path (`-always` ones on every request) and answers 200 after, so a test sees both the
 * failure and what the retries make of it. Counted per path, so one receiver serves every scenario.
 */
const FAULTS = {
  '503-then-200': () => answer(503, 'busy'),
  '429-then-200': () => answer(429, 'slow down', { 'Retry-After': '1' }),
  /** Long enough to close the browser before the retry is due. */
  '503-wait-5-then-200': () => answer(503, 'maintenance', { 'Retry-After': '5' }),
  'hang-then-200': () => 'hang' as const,
  'reset-then-200': () => 'reset' as const,
  '500-always': () => answer(500, 'broken'),
  '400-always': () => answer(400, '{"error":"bad payload"}'),
  '410-always': () => answer(410, 'gone'),
  /** To another origin: a redirect followed would hand the payload to it. */
  '302-always': (elsewhere: string) => answer(302, '', { Location: `${elsewhere}/stolen` }),
} as const;
export type Fault = keyof typeof FAULTS;

/** Paths of `/faults/down-until-ended/…` whose outage a test has ended: until then each request is reset. */
const outagesEnded = new Set<string>();
/** The endpoint at `path` is up from now on. */
export const endOutage = (path: string) => void outagesEnded.add(path);

export function faultAnswer(
  request: ReceivedRequest,
  earlier: readonly ReceivedRequest[],
  elsewhere: string,
): ReceiverAnswer | ReceiverFault | undefined {
  const match = /^\/faults\/([a-z0-9-]+)/.exec(request.path);
  if (match?.[1] === 'down-until-ended') {
    return outagesEnded.has(request.path) ? answer(200, '{"ok":true}') : 'reset';
  }
  const fault = match?.[1] as Fault | undefined;
  if (!fault || !(fault in FAULTS)) return undefined;
  const seen = earlier.filter((other) => other.path === request.path && other !== request).length;
  if (seen > 0 && !fault.endsWith('-always')) return answer(200, '{"ok":true}');
  return FAULTS[fault](elsewhere);
}

/**
 * Every answer closes its connection: a browser silently sends a request again when a reused keep-alive
 * socket is reset, which would hide the reset from the extension. On a fresh socket it is an error.
 */
function answer(status: number, body: string, headers: Record<string, string> = {}): ReceiverAnswer {
  return { status, contentType: 'text/plain', body, headers: { Connection: 'close', ...headers } };
}
