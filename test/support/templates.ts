/**
 * Scopes and result readers for the rendering tests (test/lib/render/). Not a test file itself (vitest only
 * collects *.test.ts[x]).
 */
import type { Action } from '@/lib/model/action';
import { renderRequest } from '@/lib/render/request';
import { makeAction, makeIncident } from './builders';

/** A template scope from dotted names: `{'incident.title': 'x'}` gives `{incident: {title: 'x'}}`. */
export function lookupOf(values: Record<string, string>): object {
  const scope: Record<string, Record<string, string> | string> = {};
  for (const [name, value] of Object.entries(values)) {
    const [root = '', key] = name.split('.');
    if (key === undefined) scope[root] = value;
    else scope[root] = { ...(scope[root] as Record<string, string> | undefined), [key]: value };
  }
  return scope;
}

/** A scope that would leak if any value were expanded a second time. */
export const trapLookup = (title: string) =>
  lookupOf({ 'incident.title': title, 'incident.id': 'LEAKED-ID', 'incident.url': 'LEAKED-URL', secret: 'LEAKED' });

export function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(`expected ok, got error: ${result.error}`);
  return result.value;
}

export function expectError(result: { ok: true; value: unknown } | { ok: false; error: string }): string {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** An incident whose title names a host, a cluster and a region, for variables, questions and conditions. */
export const DISK_FULL_INCIDENT = makeIncident({
  title: 'Disk full on db-prod-3.eu-central-1 (cluster orders)',
  priority: 'P1',
  number: 4211,
  created_at: '2026-03-04T09:12:45Z',
  custom_fields: { region: 'eu-central-1' },
});

/** Saved secrets with characters a URL or a header would split on. */
export const AUTH_SECRETS = { token: 'tok-3f9a-77&x=1', user_pass: 'pa:ss wörd' };

export const withAuth = (auth: Action['auth'], overrides: Partial<Action> = {}) => makeAction({ auth, ...overrides });

/** The action's request for the default incident, with AUTH_SECRETS saved. */
export const renderWithSecrets = (action: Action) => {
  const request = renderRequest(action, makeIncident(), { secrets: AUTH_SECRETS });
  if (!request.ok) throw new Error(request.error);
  return request.value;
};
