import { describe, expect, it } from 'vitest';
import { actionButtons } from '@/lib/buttons/action-buttons';
import { makeAction, makeIncident } from '../../support/builders';

describe('actionButtons', () => {
  it('gives content scripts only the id and label of enabled actions, in order', () => {
    const secretHeader = { name: 'Authorization', value: 'Bearer top-secret', secret: true };
    const on = makeAction({ label: 'On', headers: [secretHeader] });
    const off = makeAction({ label: 'Off', enabled: false });
    const alsoOn = makeAction({ label: 'Also on' });

    const buttons = actionButtons([on, off, alsoOn], [], makeIncident());
    expect(buttons).toEqual([
      { id: on.id, label: 'On' },
      { id: alsoOn.id, label: 'Also on' },
    ]);
    for (const button of buttons) expect(Object.keys(button).sort()).toEqual(['id', 'label']);
    expect(JSON.stringify(buttons)).not.toMatch(/top-secret|hooks\.example\.com/);
  });

  it('renders each label for the incident, with the shared constants, and leaves a missing value empty', () => {
    const action = makeAction({
      label: 'Restart {{ variables.host }} in {{ constants.env }}{{ incident.priority }}',
      variables: [{ kind: 'constant', name: 'host', value: 'db-3' }],
    });
    expect(actionButtons([action], [{ name: 'env', value: 'prod' }], makeIncident())).toEqual([
      { id: action.id, label: 'Restart db-3 in prod' },
    ]);
  });

  it('keeps the buttons whose conditions hold, and cuts a long rendered label', () => {
    const shown = makeAction({
      label: '{{ incident.title }}',
      conditions: { match: 'all', rules: [{ variable: 'incident.title', operator: 'contains', value: 'disk' }] },
    });
    const hidden = makeAction({
      conditions: { match: 'all', rules: [{ variable: 'incident.title', operator: 'contains', value: 'cpu' }] },
    });
    const title = `disk ${'x'.repeat(200)}`;
    const buttons = actionButtons([shown, hidden], [], makeIncident({ title }));
    expect(buttons).toEqual([{ id: shown.id, label: title.slice(0, 80) }]);
  });
});
