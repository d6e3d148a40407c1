import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { RunTimeline } from '@/components/incident/RunTimeline';
import type { IncidentRun } from '@/lib/model/log-entry';
import { endedRun } from '../../support/log-entries';

const container = document.createElement('div');
afterEach(() => render(null, container));

const EARLIER = { id: 'run-0', createdAt: Date.parse('2026-11-24T14:02:00Z') };
const at = new Date(EARLIER.createdAt).toLocaleTimeString();
/** A run of the same action on the same incident, clicked a minute after EARLIER. */
const run = (overrides: Partial<IncidentRun>): IncidentRun =>
  endedRun({ who: undefined, createdAt: EARLIER.createdAt + 60_000, finishedAt: undefined, ...overrides });

describe('RunTimeline', () => {
  it('says which run a queued one waits behind, and which a sent-now one went ahead of', () => {
    render(
      <RunTimeline
        runs={[
          run({ id: 'run-2', outcome: 'queued', attemptCount: 0, httpStatus: undefined, queuedBehind: EARLIER }),
          run({ id: 'run-3', outcome: 'delivered', attemptCount: 1, sentAhead: EARLIER }),
          run({ id: 'run-0', outcome: 'retrying', attemptCount: 1, httpStatus: 503 }),
        ]}
        onClose={() => {}}
      />,
      container,
    );
    const items = [...container.querySelectorAll('li')].map((item) => item.textContent ?? '');
    expect(items[0]).toContain('Restart server · Queued');
    expect(items[0]).toContain(`Queued behind the run of ${at}: sent when that run ends`);
    expect(items[1]).toContain(`Sent now, ahead of the run of ${at}, by the responder's choice`);
    expect(items[2]).not.toContain('behind');
    expect(items[2]).not.toContain('ahead');
  });
});
