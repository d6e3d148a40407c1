import { describe, expect, it } from 'vitest';
import { actionButtons } from '@/lib/buttons/action-buttons';
import { actionShows, ruleHolds } from '@/lib/buttons/conditions';
import { constantsScope } from '@/lib/model/constants';
import type { ConditionRule, Prompt } from '@/lib/model/variables';
import { ActionSchema } from '@/lib/render/action-rules';
import { promptValues } from '@/lib/render/prompts';
import { renderRequest } from '@/lib/render/request';
import { buildScope, extract } from '@/lib/render/scope';
import { listActions, saveAction } from '@/lib/storage/actions-store';
import { getConstants, saveConstants } from '@/lib/storage/constants-store';
import { freshDatabase, makeAction, makeIncident } from '../../support/builders';

const incident = makeIncident({
  title: 'Disk full on db-prod-3.eu-central-1 (cluster orders)',
  priority: 'P1',
  number: 4211,
  created_at: '2026-03-04T09:12:45Z',
  custom_fields: { region: 'eu-central-1' },
});

describe('extraction variables (as PagerDuty Dynamic Field Extraction)', () => {
  it('gives named groups as an object, else the first group, else the whole match', () => {
    expect(extract('host db-prod-3 in eu', 'host (?<host>\\S+) in (?<region>\\S+)')).toEqual({
      host: 'db-prod-3',
      region: 'eu',
    });
    expect(extract('host db-prod-3 in eu', 'host (\\S+)')).toBe('db-prod-3');
    expect(extract('host db-prod-3 in eu', 'db-\\w+-\\d')).toBe('db-prod-3');
    expect(extract('nothing here', 'db-\\w+')).toBeUndefined();
  });

  it('computes variables in order, each able to use the ones before it', () => {
    const scope = buildScope(incident, [
      { kind: 'extract', name: 'host', source: 'incident.title', regex: 'on (\\S+?)\\.' },
      { kind: 'extract', name: 'cluster', source: 'incident.title', regex: 'cluster (?<name>\\w+)' },
      { kind: 'constant', name: 'team', value: 'dba' },
      {
        kind: 'compose',
        name: 'target',
        template: '{{ variables.team }}@{{ variables.host }}/{{ variables.cluster.name }}',
      },
      { kind: 'extract', name: 'shard', source: 'variables.host', regex: '\\d+$' },
      { kind: 'compose', name: 'gone', template: '{{ incident.urgency }}' },
    ]);
    expect(scope.ok && scope.value.variables).toEqual({
      host: 'db-prod-3',
      cluster: { name: 'orders' },
      team: 'dba',
      target: 'dba@db-prod-3/orders',
      shard: '3',
    });
  });

  it('renders them into the request, and names one that is missing instead of sending a hole', () => {
    const action = makeAction({
      url: 'https://hooks.example.com/{{ variables.host }}',
      body: '{"host": "{{ variables.host }}", "shard": "{{ variables.shard }}"}',
      variables: [
        { kind: 'extract', name: 'host', source: 'incident.title', regex: 'on (\\S+?)\\.' },
        { kind: 'extract', name: 'shard', source: 'incident.title', regex: 'shard (\\d+)' },
      ],
    });
    expect(renderRequest(action, incident)).toEqual({
      ok: false,
      error: 'No value on this page for {{variables.shard}}: nothing was sent',
    });
    const lenient = {
      ...action,
      body: '{"host": "{{ variables.host }}", "shard": "{{ variables.shard | default: 0 }}"}',
    };
    const request = renderRequest(lenient, incident);
    expect(request.ok && request.value.url).toBe('https://hooks.example.com/db-prod-3');
    expect(request.ok && JSON.parse(request.value.body ?? '')).toEqual({ host: 'db-prod-3', shard: 0 });
  });

  it('refuses a variable named like a prototype key only by its own rules, and reads no prototype', () => {
    const scope = buildScope(incident, [{ kind: 'constant', name: 'constructor', value: 'mine' }]);
    expect(scope.ok && scope.value.variables.constructor).toBe('mine');
    expect(
      ActionSchema.safeParse(makeAction({ variables: [{ kind: 'constant', name: '__proto__', value: 'x' }] })).success,
    ).toBe(false);
  });
});

describe('an action naming its own variables and questions', () => {
  const issues = (overrides: Parameters<typeof makeAction>[0]) => {
    const parsed = ActionSchema.safeParse(makeAction(overrides));
    return parsed.success ? [] : parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
  };

  it('accepts names it defines, and refuses the ones it does not, at the field that uses them', () => {
    const variables = [{ kind: 'constant' as const, name: 'team', value: 'dba' }];
    const prompts = [{ name: 'reason', label: 'Reason', type: 'text' as const, required: true }];
    expect(issues({ variables, prompts, body: '{"t": "{{ variables.team }}", "r": "{{ params.reason }}"}' })).toEqual(
      [],
    );
    expect(issues({ variables, body: '{"t": "{{ variables.teem }}"}' })).toEqual([
      ['body', 'Unknown variable "variables.teem": define "teem" under Variables'],
    ]);
    expect(issues({ label: 'Ask {{ params.why }}' })).toEqual([
      ['label', 'Unknown question "params.why": add "why" under Questions'],
    ]);
    expect(
      issues({
        variables: [
          { kind: 'compose', name: 'first', template: '{{ variables.second }}' },
          { kind: 'constant', name: 'second', value: 'x' },
        ],
      }),
    ).toEqual([
      ['variables.0.template', 'Unknown variable "variables.second": define "second" under Variables, before this one'],
    ]);
  });
});

describe('prompted values', () => {
  const prompts: Prompt[] = [
    { name: 'reason', label: 'Reason', type: 'text', required: true, pattern: '[A-Z]+-\\d+' },
    { name: 'replicas', label: 'Replicas', type: 'number', required: false, default: '3' },
    { name: 'env', label: 'Environment', type: 'choice', required: true, choices: ['staging', 'production'] },
    { name: 'force', label: 'Force', type: 'yesno', required: false },
  ];

  it('types and checks the answers', () => {
    expect(promptValues(prompts, { reason: 'OPS-12', env: 'production', force: 'yes' })).toEqual({
      ok: true,
      value: { reason: 'OPS-12', replicas: 3, env: 'production', force: true },
    });
  });

  it.each([
    [{ env: 'production' }, '“Reason” is required'],
    [{ reason: 'ops', env: 'production' }, '“Reason” must match [A-Z]+-\\d+'],
    [{ reason: 'OPS-1', env: 'production', replicas: 'many' }, '“Replicas” must be a number'],
    [{ reason: 'OPS-1', env: 'moon' }, '“Environment” must be one of the choices'],
    [{ reason: 'OPS-1', env: 'staging', force: 'maybe' }, '“Force” must be yes or no'],
  ])('refuses %j: %s', (answers, error) => {
    expect(promptValues(prompts, answers)).toEqual({ ok: false, error });
  });

  it('reach templates as params, as values, never as template text', () => {
    const action = makeAction({
      prompts: [{ name: 'reason', label: 'Reason', type: 'text', required: true }],
      body: '{"reason": "{{ params.reason }}"}',
    });
    const request = renderRequest(action, incident, { answers: { reason: '{{ incident.id }} "quoted"' } });
    expect(request.ok && JSON.parse(request.value.body ?? '')).toEqual({ reason: '{{ incident.id }} "quoted"' });
  });
});

describe('conditions', () => {
  const scope = (() => {
    const built = buildScope(incident, [
      { kind: 'extract', name: 'host', source: 'incident.title', regex: 'on (\\S+?)\\.' },
    ]);
    if (!built.ok) throw new Error(built.error);
    return built.value;
  })();
  const rule = (variable: string, operator: ConditionRule['operator'], value?: string): ConditionRule => ({
    variable,
    operator,
    ...(value === undefined ? {} : { value }),
  });

  it.each<[ConditionRule, boolean]>([
    [rule('incident.priority', 'equals', 'P1'), true],
    [rule('incident.priority', 'equals', 'p1'), false],
    [rule('incident.priority', 'not_equals', 'P2'), true],
    [rule('incident.title', 'contains', 'db-prod'), true],
    [rule('incident.title', 'matches', '^Disk .* \\(cluster \\w+\\)$'), true],
    [rule('incident.title', 'matches', '(unclosed'), false],
    [rule('incident.priority', 'in', 'P1, P2'), true],
    [rule('incident.priority', 'in', 'P2,P3'), false],
    [rule('incident.urgency', 'exists'), false],
    [rule('incident.urgency', 'not_exists'), true],
    [rule('incident.urgency', 'equals', ''), false],
    [rule('incident.number', 'greater_than', '4000'), true],
    [rule('incident.number', 'less_than', '4000'), false],
    [rule('incident.created_at', 'greater_than', '2026-03-01'), true],
    [rule('incident.created_at', 'less_than', '2026-03-01T00:00:00Z'), false],
    [rule('incident.title', 'greater_than', '5'), false],
    [rule('variables.host', 'equals', 'db-prod-3'), true],
    [rule('incident.custom_fields.region', 'matches', '^eu-'), true],
    [rule('incident.__proto__', 'exists'), false],
  ])('%j holds: %s', (condition, holds) => {
    expect(ruleHolds(condition, undefined)).toBe(condition.operator === 'not_exists');
    expect(actionShows({ match: 'all', rules: [condition] }, scope)).toBe(holds);
  });

  it('combines rules with all or any, and limits to sites', () => {
    const yes = rule('incident.priority', 'equals', 'P1');
    const no = rule('incident.priority', 'equals', 'P3');
    expect(actionShows({ match: 'all', rules: [yes, no] }, scope)).toBe(false);
    expect(actionShows({ match: 'any', rules: [yes, no] }, scope)).toBe(true);
    expect(actionShows({ match: 'all', rules: [] }, scope)).toBe(true);
    expect(actionShows({ match: 'all', rules: [yes], sites: ['opsgenie'] }, scope)).toBe(false);
    expect(actionShows({ match: 'all', rules: [yes], sites: ['pagerduty', 'opsgenie'] }, scope)).toBe(true);
    expect(actionShows(undefined, scope)).toBe(true);
  });
});

describe('body formats', () => {
  const hostile = makeIncident({ title: 'a&b=c d\n"quoted" {{ incident.id }}' });

  it('sends a form whose values cannot add a field', () => {
    const action = makeAction({ bodyFormat: 'form', body: 'title={{ incident.title }}&id={{ incident.id }}' });
    const request = renderRequest(action, hostile);
    if (!request.ok) throw new Error(request.error);
    expect(request.value.headers).toContainEqual(['Content-Type', 'application/x-www-form-urlencoded']);
    const form = new URLSearchParams(request.value.body);
    expect([...form.keys()]).toEqual(['title', 'id']);
    expect(form.get('title')).toBe(hostile.title);
  });

  it('sends plain text as the template renders it', () => {
    const action = makeAction({
      bodyFormat: 'text',
      body: 'Incident {{ incident.id }}: {{ incident.title | upcase }}',
    });
    const request = renderRequest(action, makeIncident());
    expect(request.ok && request.value.body).toBe('Incident Q1DBFULL7X2M: DATABASE DISK FULL ON DB-PROD-3');
    expect(request.ok && request.value.headers).toContainEqual(['Content-Type', 'text/plain; charset=utf-8']);
  });

  it('checks a text body as one template, and a JSON body as JSON', () => {
    expect(ActionSchema.safeParse(makeAction({ bodyFormat: 'text', body: 'not {json' })).success).toBe(true);
    expect(ActionSchema.safeParse(makeAction({ body: 'not {json' })).success).toBe(false);
    expect(ActionSchema.safeParse(makeAction({ bodyFormat: 'text', body: '{{ incident.nope }}' })).success).toBe(false);
  });
});

describe('shared constants', () => {
  it('are stored validated, and every action can use them', async () => {
    const db = await freshDatabase();
    await expect(saveConstants(db, [{ name: 'Bad Name', value: 'x' }])).rejects.toThrow();
    await expect(
      saveConstants(db, [
        { name: 'team', value: 'a' },
        { name: 'team', value: 'b' },
      ]),
    ).rejects.toThrow();
    await saveConstants(db, [{ name: 'runbooks', value: 'https://wiki.acme.example/runbooks' }]);
    const constants = constantsScope(await getConstants(db));
    const action = makeAction({ body: '{"runbook": "{{ constants.runbooks }}/{{ incident.id }}"}' });
    expect(ActionSchema.safeParse(action).success).toBe(true);
    const request = renderRequest(action, makeIncident(), { constants });
    expect(request.ok && JSON.parse(request.value.body ?? '')).toEqual({
      runbook: 'https://wiki.acme.example/runbooks/Q1DBFULL7X2M',
    });
    // A constant nobody set is missing like any value: named, and nothing is sent.
    expect(renderRequest(action, makeIncident(), { constants: {} })).toEqual({
      ok: false,
      error: 'No value on this page for {{constants.runbooks}}: nothing was sent',
    });
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
    const [button] = actionButtons(await listActions(db), [], incident);
    expect(button?.prompts?.[0]?.default).toBe('db-prod-3');
    const action = (await listActions(db))[0];
    if (!action) throw new Error('no action');
    const overridden = renderRequest(action, incident, { answers: { host: 'db-prod-4' } });
    expect(overridden.ok && JSON.parse(overridden.value.body ?? '')).toEqual({ host: 'db-prod-4' });
  });
});
