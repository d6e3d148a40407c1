import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageFixer } from '@/components/incident/FixPageDialog';
import { IncidentDialogs, type IncidentDialogsProps } from '@/components/incident/IncidentDialogs';
import { ok } from '@/lib/core/result';
import { askBackground } from '@/lib/messaging/content-client';
import type { IncidentRun } from '@/lib/model/log-entry';
import { makeIncident } from '../../support/builders';

vi.mock('@/lib/messaging/content-client', async (original) => ({
  ...(await original<typeof import('@/lib/messaging/content-client')>()),
  askBackground: vi.fn(),
}));
const ask = vi.mocked(askBackground);

const INCIDENT = makeIncident();
let container: HTMLElement;
beforeEach(() => {
  ask.mockImplementation(async () => ok(null) as never);
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const props = (more: Partial<IncidentDialogsProps> = {}): IncidentDialogsProps => ({
  runs: [],
  runsOpen: false,
  fixing: false,
  loadValues: vi.fn(async (incident) => ({ incident, from: 'page' as const })),
  onCloseConfirm: vi.fn(),
  onCloseRuns: vi.fn(),
  onCloseFix: vi.fn(),
  ...more,
});

describe('IncidentDialogs', () => {
  it('draws nothing while nothing is open', () => {
    act(() => render(<IncidentDialogs {...props({ runs: [{ id: 'r1' } as IncidentRun] })} />, container));
    expect(container.innerHTML).toBe('');
  });

  it('opens the clicked action’s confirmation, which reads the incident’s values, and closes through the loader', async () => {
    const shown = props({ pending: { action: { id: 'a1', label: 'Restart server' }, incident: INCIDENT } });
    await act(async () => render(<IncidentDialogs {...shown} />, container));
    const dialog = container.querySelector('dialog');
    expect(dialog?.textContent).toContain('Restart server');
    expect(shown.loadValues).toHaveBeenCalledWith(INCIDENT);
    const cancel = [...container.querySelectorAll('button')].find((button) => button.textContent === 'Cancel');
    act(() => cancel?.click());
    expect(shown.onCloseConfirm).toHaveBeenCalled();
  });

  it('opens Fix this page only with a fixer', () => {
    const fixer = { siteName: 'PagerDuty', fields: [] } as unknown as PageFixer;
    act(() => render(<IncidentDialogs {...props({ fixing: true })} />, container));
    expect(container.innerHTML).toBe('');
    act(() => render(<IncidentDialogs {...props({ fixing: true, fixer })} />, container));
    expect(container.textContent).toContain('How PagerDuty pages are read');
  });
});
