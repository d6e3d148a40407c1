import { isPlainHttpOffMachine } from '@/lib/model/plain-http';
import type { RenderedRequest } from '@/lib/model/request';

/**
 * A request as it is (or was) sent, secrets already masked: method and URL, headers, body. Text only, never
 * HTML: every value in it may come from an incident page or a receiver. Shown by the confirmation modal, the
 * editor's preview and a run in the history, each with its own name for the region.
 */
export function RequestView({
  request,
  label = 'Request to send',
  exact = false,
}: {
  request: RenderedRequest;
  label?: string;
  /** The body byte for byte (a log, where a signature was computed over it), not a JSON body indented. */
  exact?: boolean;
}) {
  return (
    <section class="request" aria-label={label}>
      <p class="request-line">
        <span class="method">{request.method}</span> <span class="url">{request.url}</span>
      </p>
      {isPlainHttpOffMachine(request.url) && (
        <p class="status error plain-http" role="note">
          Plain http: this request and its secrets travel unencrypted (the action allows it).
        </p>
      )}
      {request.headers.length > 0 && <HeadersTable headers={request.headers} label={`${label}: headers`} />}
      {request.body !== undefined && request.body !== '' && (
        <pre class="body">{exact ? request.body : prettyJson(request.body)}</pre>
      )}
    </section>
  );
}

/** Names and values, one row each, in the order given (a header may repeat). */
export function HeadersTable({ headers, label }: { headers: readonly [string, string][]; label: string }) {
  return (
    <table class="headers" aria-label={label}>
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={`${index}:${name}`}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A JSON body indented for reading; any other body as it is. */
function prettyJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
