import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { incidentRunsFollower } from '@/components/incident/incident-runs';
import { ok } from '@/lib/core/result';
import { announceChange } from '@/lib/messaging/change-signals';
import { askBackground } from '@/lib/messaging/content-client';
import type { IncidentRun } from '@/lib/model/log-entry';
import { makeIncident } from '../../support/builders';

vi.mock('@/lib/messaging/content-client', () => ({ askBackground: vi.fn() }));
const ask = vi.mocked(askBackground);

afterEach(() => fakeBrowser.reset());

const INCIDENT = makeIncident();
const run = (id: string) => ({ id }) as IncidentRun;

describe('incidentRunsFollower', () => {
  it('asks for the incident’s runs, and again whenever the log changes', async () => {
    ask.mockResolvedValue(ok([run('r1')]) as never);
    const seen = vi.fn();
    const follower = incidentRunsFollower(seen);
    follower.follow(INCIDENT);
    await vi.waitFor(() => expect(seen).toHaveBeenLastCalledWith([run('r1')]));
    expect(ask).toHaveBeenCalledWith({ type: 'incidentRuns', incident: INCIDENT });

    ask.mockResolvedValue(ok([run('r1'), run('r2')]) as never);
    await announceChange('logChangedAt');
    await vi.waitFor(() => expect(seen).toHaveBeenLastCalledWith([run('r1'), run('r2')]));
    follower.stop();
  });

  it('starts over only for another incident, and has no runs without one', async () => {
    ask.mockResolvedValue(ok([run('r1')]) as never);
    const seen = vi.fn();
    const follower = incidentRunsFollower(seen);
    follower.follow(INCIDENT);
    follower.follow({ ...INCIDENT, title: 'Read again' });
    expect(ask).toHaveBeenCalledOnce();
    follower.follow(undefined);
    expect(seen).toHaveBeenLastCalledWith([]);
    // A reply that arrives after the incident left is not shown.
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toHaveBeenCalledOnce();
  });
});
