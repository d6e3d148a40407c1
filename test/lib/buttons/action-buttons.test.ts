import { describe, expect, it } from 'vitest';
import { actionApplies, actionButtons, conditionsAwaitValues } from '@/lib/buttons/action-buttons';
import { renderRequest } from '@/lib/render/request';
import { listActions, saveAction } from '@/lib/storage/actions-store';
import { freshDatabase, makeAction, makeIncident } from '../../support/builders';
import { DISK_FULL_INCIDENT } from '../../support/templates';

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

describe('a question whose default is a template', () => {
  it('starts from the incident value, and the responder may override it', async () => {
    const db = await freshDatabase();
    await saveAction(
      db,
      makeAction({
        label: 'Restart',
        variables: [{ kind: 'extract', name: 'host', source: 'incident.title', regex: 'on (\\S+?)\\.' }],
        prompts: [{ name: 'host', label: 'Host', type: 'text', required: true, default: '{{ variables.host }}' }],
        body: '{"host": "{{ params.host }}"}',
      }),
    );
    const [button] = actionButtons(await listActions(db), [], DISK_FULL_INCIDENT);
    expect(button?.prompts?.[0]?.default).toBe('db-prod-3');
    const action = (await listActions(db))[0];
    if (!action) throw new Error('no action');
    const overridden = renderRequest(action, DISK_FULL_INCIDENT, { answers: { host: 'db-prod-4' } });
    expect(overridden.ok && JSON.parse(overridden.value.body ?? '')).toEqual({ host: 'db-prod-4' });
  });
});

describe('conditionsAwaitValues', () => {
  const onPriority = (overrides = {}) =>
    makeAction({
      conditions: { match: 'all', rules: [{ variable: 'incident.priority', operator: 'equals', value: 'P1' }] },
      ...overrides,
    });

  it('is true only when an enabled action’s rule reads an incident value this incident lacks', () => {
    const bare = makeIncident({ priority: undefined });
    expect(conditionsAwaitValues([onPriority()], [], bare)).toBe(true);
    expect(conditionsAwaitValues([onPriority()], [], makeIncident({ priority: 'P3' }))).toBe(false);
    expect(conditionsAwaitValues([onPriority({ enabled: false })], [], bare)).toBe(false);
    expect(conditionsAwaitValues([makeAction()], [], bare)).toBe(false);
    // An action for another site never waits for this one's API.
    const elsewhere = onPriority({
      conditions: {
        match: 'all',
        sites: ['opsgenie'],
        rules: [{ variable: 'incident.priority', operator: 'equals', value: 'P1' }],
      },
    });
    expect(conditionsAwaitValues([elsewhere], [], bare)).toBe(false);
  });
});

describe('actionApplies', () => {
  const dbTeamOnly = makeAction({
    conditions: {
      sites: ['pagerduty'],
      match: 'all',
      rules: [{ variable: 'variables.team', operator: 'equals', value: 'db' }],
    },
    variables: [{ kind: 'compose', name: 'team', template: '{{ constants.team }}' }],
  });

  it('agrees with the buttons an incident shows: its sites, its rules, the constants they read', () => {
    const cases = [
      { incident: makeIncident(), constants: { team: 'db' } },
      { incident: makeIncident(), constants: { team: 'web' } },
      { incident: makeIncident({ site: 'opsgenie' }), constants: { team: 'db' } },
    ];
    for (const { incident, constants } of cases) {
      const list = Object.entries(constants).map(([name, value]) => ({ name, value }));
      const shows = actionButtons([dbTeamOnly], list, incident).length === 1;
      expect(actionApplies(dbTeamOnly, constants, incident)).toBe(shows);
    }
    expect(cases.map((c) => actionApplies(dbTeamOnly, c.constants, c.incident))).toEqual([true, false, false]);
  });
});
