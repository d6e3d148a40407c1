/**
 * A team's config server over real HTTPS (the self-signed certificate in test/support/tls/, trusted by the test
 * process only), for the subscription and browser-policy tests: it answers what `answers` holds, one per
 * request, and records what it was asked. Not a test file itself (vitest only collects *.test.ts[x]).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Action } from '@/lib/model/action';
import { CONFIG_FORMAT, CONFIG_VERSION } from '@/lib/sharing/config-file';
import { makeAction } from './builders';

const TLS = new URL('./tls/', import.meta.url);

export interface Answer {
  status: number;
  body?: string;
  etag?: string;
  headers?: Record<string, string>;
}

export interface ConfigServer {
  /** `https://127.0.0.1:<port>`, once the server listens. */
  base: string;
  /** What the next requests get, in order; a 500 once they are used up. */
  answers: Answer[];
  /** Each request's path and If-None-Match. */
  asked: { path: string; ifNoneMatch?: string }[];
}

/** Starts the server before the file's tests and stops it after; `answers` and `asked` are emptied before each. */
export function useConfigServer(): ConfigServer {
  const state: ConfigServer = { base: '', answers: [], asked: [] };
  let server: Server;
  beforeAll(async () => {
    const cert = readFileSync(new URL('localhost.crt', TLS), 'utf8');
    // The fixture's self-signed certificate is trusted by this test process only.
    tls.setDefaultCACertificates([...tls.getCACertificates('default'), cert]);
    server = createServer({ key: readFileSync(new URL('localhost.key', TLS)), cert }, (request, response) => {
      state.asked.push({
        path: request.url ?? '',
        ifNoneMatch: request.headers['if-none-match'] as string | undefined,
      });
      const answer = state.answers.shift() ?? { status: 500 };
      if (request.headers['if-none-match'] && request.headers['if-none-match'] === answer.etag) {
        response.writeHead(304, { etag: answer.etag }).end();
        return;
      }
      response
        .writeHead(answer.status, { ...(answer.etag ? { etag: answer.etag } : {}), ...answer.headers })
        .end(answer.body ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    state.base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    state.answers = [];
    state.asked = [];
  });
  return state;
}

/** A current config file holding these actions, as text. */
export const config = (actions: Partial<Action>[]) =>
  JSON.stringify({
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    actions: actions.map((overrides) => {
      const { createdAt: _c, updatedAt: _u, ...action } = makeAction(overrides);
      return action;
    }),
  });

export const RESTART = { id: 'restart', label: 'Restart web', url: 'https://rundeck.example.com/api/restart' };
export const DIAGNOSE = { id: 'diagnose', label: 'Collect diagnostics', url: 'https://rundeck.example.com/api/diag' };
