import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryView } from '@/components/incident/DeliveryView';
import type { Delivery } from '@/lib/messaging/messages';
import type { IncidentRun } from '@/lib/model/log-entry';

const container = document.createElement('div');
afterEach(() => render(null, container));

const run = (overrides: Partial<IncidentRun>): IncidentRun => ({
  id: 'run-1',
  actionId: 'a1',
  actionLabel: 'Restart server',
  incident: { site: 'pagerduty', id: 'Q1', url: 'https://acme.pagerduty.com/incidents/Q1' },
  outcome: 'sending',
  attemptCount: 1,
  createdAt: 1,
  ...overrides,
});

function shown(delivery: Delivery, live?: IncidentRun): string {
  render(<DeliveryView delivery={delivery} run={live} />, container);
  return container.querySelector('strong')?.textContent ?? '';
}

describe('DeliveryView', () => {
  it('shows the reply over a run row read before the reply arrived', () => {
    const delivered: Delivery = { logId: 'run-1', outcome: 'delivered', httpStatus: 200, attemptCount: 1 };
    expect(shown(delivered, run({ outcome: 'sending', attemptCount: 1 }))).toBe('Delivered');
  });

  it('follows the run once it has made another attempt', () => {
    const retrying: Delivery = { logId: 'run-1', outcome: 'retrying', httpStatus: 503, attemptCount: 1 };
    expect(shown(retrying, run({ outcome: 'delivered', httpStatus: 200, attemptCount: 2 }))).toBe('Delivered');
    expect(shown(retrying, run({ outcome: 'sending', attemptCount: 2 }))).toBe('Sending');
  });

  it('follows a run that ended without another attempt, where the reply expected one', () => {
    const retrying: Delivery = { logId: 'run-1', outcome: 'retrying', httpStatus: 503, attemptCount: 1 };
    expect(shown(retrying, run({ outcome: 'failed', attemptCount: 1, error: 'Interrupted' }))).toBe('Failed');
    expect(shown(retrying, run({ outcome: 'retrying', attemptCount: 1 }))).toBe('Retrying');
  });

  it('says a queued run waits behind the earlier one, until the live run has started', () => {
    const queued: Delivery = {
      logId: 'run-1',
      outcome: 'queued',
      attemptCount: 0,
      queuedBehind: { id: 'run-0', createdAt: Date.parse('2026-11-24T14:02:00Z') },
    };
    const at = new Date(Date.parse('2026-11-24T14:02:00Z')).toLocaleTimeString();
    expect(shown(queued)).toBe('Queued');
    expect(container.textContent).toContain(`Queued behind the run of ${at}: sent when that run ends`);
    expect(shown(queued, run({ outcome: 'retrying', attemptCount: 1, httpStatus: 503 }))).toBe('Retrying');
    expect(container.textContent).not.toContain('Queued behind');
  });
});
