import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WAIT_MS } from './browsers/driver.ts';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() of this process when the request's body had arrived. */
  at: number;
}

export interface ReceiverAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** Faults a receiver can play besides an answer: never answer, or drop the connection. */
export type ReceiverFault = 'hang' | 'reset';

/** A webhook endpoint on loopback that records what it is sent; `answer` may answer some paths itself. */
export async function startReceiver(
  options: {
    port?: number;
    onRequest?: (request: ReceivedRequest) => void;
    answer?: (request: ReceivedRequest) => ReceiverAnswer | ReceiverFault | undefined;
  } = {},
) {
  const received: ReceivedRequest[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: ReceivedRequest = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      };
      received.push(entry);
      options.onRequest?.(entry);
      const answer = options.answer?.(entry);
      if (answer === 'reset') {
        request.socket.destroy();
      } else if (answer === 'hang') {
        // Never answered: the sender's timeout ends it (close() drops it).
      } else if (answer) {
        response.writeHead(answer.status, { 'content-type': answer.contentType, ...answer.headers });
        response.end(answer.body);
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ok: true, job: `job-${received.length}` }));
      }
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    received,
    /** Requests whose path starts with `path`. */
    to: (path: string) => received.filter((request) => request.path.startsWith(path)),
    /** Resolves with the nth request (1-based) to `path` once it has arrived. */
    async waitFor(path: string, count = 1, timeoutMs = WAIT_MS): Promise<ReceivedRequest> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = received.filter((request) => request.path.startsWith(path));
        if (matching.length >= count) return matching[count - 1] as ReceivedRequest;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`Receiver got ${matching.length} request(s) to ${path}, expected ${count}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
