/** Shared builders for the unit tests. Not a test file itself (vitest only collects *.test.ts[x]). */
import type { DeliveryDeps } from '@/lib/delivery/deliver-action';
import { createOutbox } from '@/lib/delivery/outbox-runner';
import type { Action } from '@/lib/model/action';
import type { IncidentSnapshot } from '@/lib/model/incident';
import { type Database, openDatabase } from '@/lib/storage/database';

/** A valid action; override any field. */
export function makeAction(overrides: Partial<Action> = {}): Action {
  return {
    id: crypto.randomUUID(),
    label: 'Restart server',
    enabled: true,
    method: 'POST',
    url: 'https://hooks.example.com/run/{{incident.id}}',
    headers: [],
    body: '{"incident_id":"{{incident.id}}","title":"{{incident.title}}"}',
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

export function makeIncident(overrides: Partial<IncidentSnapshot> = {}): IncidentSnapshot {
  return {
    site: 'pagerduty',
    id: 'Q1DBFULL7X2M',
    title: 'Database disk full on db-prod-3',
    url: 'https://acme.pagerduty.com/incidents/Q1DBFULL7X2M',
    ...overrides,
  };
}

/** A fresh database per test: fake-indexeddb is shared by the whole file, so names must not collide. */
export function freshDatabase(): Promise<Database> {
  return openDatabase(`test-${crypto.randomUUID()}`);
}

/**
 * Strings a page (or an attacker who can title an incident) might put where a template reads: JSON and
 * HTML breakers, placeholder look-alikes, String.replace patterns, URL delimiters, control and non-ASCII.
 */
export const HOSTILE_VALUES: readonly string[] = [
  '"}, "injected": true, "x": {"',
  '\\", "admin": true, "\\',
  'line one\nline two\r\nline three',
  '</script><img src=x onerror=alert(1)>',
  '{{secret}}',
  '{{incident.id}}',
  '{{ incident.url }}',
  '{{',
  '}}',
  "$& $1 $$ $` $' $<name>",
  '\u2028\u2029',
  'nul\0byte',
  '🔥 émoji ünïcode 火事',
  '__proto__',
  'a/b/../../admin?x=1#frag',
  '@evil.example',
  '//evil.example/path',
  '\\\\evil.example',
  'https://evil.example/',
  '%2F%3F%23 already-encoded',
  '   spaced   ',
  '',
];

/** A confirmation, as the modal makes one when it opens. */
export const newInvocation = (createdAt = Date.now()) => ({ id: crypto.randomUUID(), createdAt });

/**
 * What `deliverAction` needs, with a real outbox over the same database (its timers and alarm are the
 * test's to drive: `wakeAt` records, `stop()` clears the timer). The permission check records every URL it is
 * asked about in `checked`, the first send's and the outbox's retries' alike, and answers `granted` (a
 * function is given the URL).
 */
export function deliveryDeps(
  db: Database,
  fetch: typeof globalThis.fetch,
  options: {
    granted?: boolean | ((url: string) => Promise<boolean>);
    now?: () => number;
    random?: () => number;
    onLogChanged?: () => void;
  } = {},
): DeliveryDeps & { wakes: (number | undefined)[]; checked: string[] } {
  const granted = options.granted ?? true;
  const checked: string[] = [];
  const base = {
    db,
    fetch,
    hasOriginPermission: async (url: string) => {
      checked.push(url);
      return typeof granted === 'function' ? granted(url) : granted;
    },
    ...(options.now ? { now: options.now } : {}),
    onLogChanged: options.onLogChanged ?? (() => {}),
  };
  const wakes: (number | undefined)[] = [];
  const outbox = createOutbox({
    ...base,
    random: options.random ?? (() => 0.5),
    wakeAt: (when) => void wakes.push(when),
  });
  return { ...base, outbox, wakes, checked };
}
