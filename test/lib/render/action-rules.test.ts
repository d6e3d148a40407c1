import { describe, expect, it } from 'vitest';
import { type Action, newAction } from '@/lib/model/action';
import { ActionSchema } from '@/lib/render/action-rules';
import { makeAction } from '../../support/builders';

/** Issues as `path -> messages`, the way the editor places them next to fields. */
function issuesByPath(input: unknown): Record<string, string[]> {
  const parsed = ActionSchema.safeParse(input);
  if (parsed.success) return {};
  const found: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.');
    found[key] = [...(found[key] ?? []), issue.message];
  }
  return found;
}

const header = (name: string, value = 'v', secret = false) => ({ name, value, secret });

describe('ActionSchema', () => {
  it('parses a valid action and trims the label and URL', () => {
    const action = makeAction({ label: '  Restart  ', url: ' https://hooks.example.com/x ' });
    const parsed = ActionSchema.parse(action);
    expect(parsed).toEqual({ ...action, label: 'Restart', url: 'https://hooks.example.com/x' });
  });

  it.each([
    ['', 'Give the button a label'],
    ['   ', 'Give the button a label'],
    ['x'.repeat(61), 'Keep the label under 60 characters'],
  ])('refuses the label %j at "label"', (label, message) => {
    expect(issuesByPath(makeAction({ label }))).toEqual({ label: [message] });
  });

  it.each([
    ['https://', 'Not a valid URL'],
    ['hooks.example.com/x', 'Enter a full URL starting with https://'],
    ['ftp://files.example.com/', 'Only http and https URLs can be called'],
    ['https://{{incident.id}}.example.com/', 'The scheme, host and port cannot contain placeholders'],
    ['https://u:p@hooks.example.com/', 'Put credentials in a secret header, not in the URL'],
  ])('refuses the URL %j at "url"', (url, message) => {
    expect(issuesByPath(makeAction({ url }))).toEqual({ url: [message] });
  });

  it('refuses an unknown variable in the URL at "url"', () => {
    const issues = issuesByPath(makeAction({ url: 'https://hooks.example.com/{{incident.nope}}' }));
    expect(Object.keys(issues)).toEqual(['url']);
    expect(issues.url?.[0]).toContain('Unknown variable "incident.nope" at character 29');
  });

  it('refuses a body that is not JSON at "body"', () => {
    const issues = issuesByPath(makeAction({ body: '{"a": "{{incident.id}}",}' }));
    expect(Object.keys(issues)).toEqual(['body']);
    expect(issues.body?.[0]).toMatch(/^Not valid JSON: /);
  });

  it('refuses an unknown variable in the body at "body"', () => {
    const issues = issuesByPath(makeAction({ body: '{"a":"{{incident.secret}}"}' }));
    expect(Object.keys(issues)).toEqual(['body']);
    expect(issues.body?.[0]).toContain('Unknown variable "incident.secret"');
  });

  it.each(['Bad Name', 'X-Colon:', '', 'Ünïcode', 'X\nInjected'])('refuses the header name %j at its index', (name) => {
    const issues = issuesByPath(makeAction({ headers: [header('X-Ok'), header(name)] }));
    expect(Object.keys(issues)).toEqual(['headers.1.name']);
  });

  it('refuses a duplicate header name, ignoring case, at the second one', () => {
    const issues = issuesByPath(makeAction({ headers: [header('X-Token'), header('X-Other'), header('x-token')] }));
    expect(issues).toEqual({ 'headers.2.name': ['This header is already set'] });
  });

  it('refuses an unknown variable in a header value at its index', () => {
    const issues = issuesByPath(makeAction({ headers: [header('X-A', '{{nope}}')] }));
    expect(Object.keys(issues)).toEqual(['headers.0.value']);
  });

  it.each(['GET', 'DELETE'] as const)('refuses a %s with a body at "body"', (method) => {
    expect(issuesByPath(makeAction({ method }))).toEqual({ body: [`${method} requests carry no body`] });
    // Without a body (or only whitespace) the same request is fine.
    expect(ActionSchema.safeParse(makeAction({ method, body: ' \n ' })).success).toBe(true);
  });

  it('reports field and cross-field problems together, so the editor shows them all at once', () => {
    const issues = issuesByPath(makeAction({ label: '', method: 'GET', headers: [header('A'), header('a')] }));
    expect(issues).toEqual({
      label: ['Give the button a label'],
      body: ['GET requests carry no body'],
      'headers.1.name': ['This header is already set'],
    });
  });

  it('refuses unknown keys and unknown methods', () => {
    expect(ActionSchema.safeParse({ ...makeAction(), extra: 1 }).success).toBe(false);
    expect(ActionSchema.safeParse(makeAction({ method: 'TRACE' as Action['method'] })).success).toBe(false);
    expect(ActionSchema.safeParse({ ...makeAction(), headers: [{ ...header('X-A'), extra: true }] }).success).toBe(
      false,
    );
    // Each for that reason, at its place (zod's own message).
    expect(issuesByPath({ ...makeAction(), extra: 1 })).toEqual({ '': ['Invalid input'] });
    expect(issuesByPath(makeAction({ method: 'TRACE' as Action['method'] }))).toEqual({ method: ['Invalid input'] });
    expect(issuesByPath({ ...makeAction(), headers: [{ ...header('X-A'), extra: true }] })).toEqual({
      'headers.0': ['Invalid input'],
    });
  });

  it('starts a new action invalid only where the user must fill in', () => {
    expect(Object.keys(issuesByPath(newAction())).sort()).toEqual(['label', 'url']);
    const filled = { ...newAction(), label: 'Go', url: 'https://hooks.example.com/' };
    expect(ActionSchema.safeParse(filled).success).toBe(true);
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

describe('body formats', () => {
  it('checks a text body as one template, and a JSON body as JSON', () => {
    expect(ActionSchema.safeParse(makeAction({ bodyFormat: 'text', body: 'not {json' })).success).toBe(true);
    expect(ActionSchema.safeParse(makeAction({ body: 'not {json' })).success).toBe(false);
    expect(ActionSchema.safeParse(makeAction({ bodyFormat: 'text', body: '{{ incident.nope }}' })).success).toBe(false);
    // Refused as JSON, and as a template, at the body.
    expect(issuesByPath(makeAction({ body: 'not {json' })).body?.[0]).toMatch(/^Not valid JSON: /);
    expect(issuesByPath(makeAction({ bodyFormat: 'text', body: '{{ incident.nope }}' })).body?.[0]).toMatch(
      /^Unknown variable "incident.nope" at character 4/,
    );
  });
});

describe('secrets and signing headers', () => {
  it('refuses secrets where the incident page would see them, and headers the action writes twice', () => {
    const issues = (action: Action) => {
      const parsed = ActionSchema.safeParse(action);
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    expect(issues(makeAction({ label: 'Run {{ secrets.token }}' }))).toEqual([
      'label: "secrets.token" can be used only in the URL, the headers and the body',
    ]);
    expect(
      issues(
        makeAction({
          headers: [{ name: 'X-PagerDuty-Signature', value: 'x', secret: false }],
          signing: { scheme: 'pagerduty', secrets: ['token'] },
        }),
      ),
    ).toEqual(["headers.0.name: This header is written by the action's signing: remove it here"]);
    expect(issues(makeAction({ signing: { scheme: 'github', secrets: ['a', 'b'] } }))).toEqual([
      'signing.secrets: GitHub signatures use one secret',
    ]);
    expect(issues(makeAction({ signing: { scheme: 'pagerduty', secrets: [] } }))).toEqual([
      'signing.secrets: Choose the signing secret',
    ]);
  });
});
