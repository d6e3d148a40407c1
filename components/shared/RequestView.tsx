import type { RenderedRequest } from '@/lib/model/request';

/** The request as it will be sent (secrets already masked by the background). Text only, never HTML. */
export function RequestView({ request }: { request: RenderedRequest }) {
  return (
    <section class="request" aria-label="Request to send">
      <p class="request-line">
        <span class="method">{request.method}</span> <span class="url">{request.url}</span>
      </p>
      {request.headers.length > 0 && (
        <table class="headers">
          <tbody>
            {request.headers.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {request.body !== undefined && <pre class="body">{prettyJson(request.body)}</pre>}
    </section>
  );
}

function prettyJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
