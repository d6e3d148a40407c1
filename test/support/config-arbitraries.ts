/**
 * fast-check generators for the config import/export tests: local configs (actions, custom sites, constants)
 * built from valid pieces, every action checked by ActionSchema.parse so a generator mistake fails loudly.
 * Not a test file itself (vitest only collects *.test.ts[x]).
 */
import fc from 'fast-check';
import { type Action, BODY_FORMATS, type Header, HTTP_METHODS } from '@/lib/model/action';
import type { Auth } from '@/lib/model/auth';
import { type Constant, ConstantsSchema } from '@/lib/model/constants';
import { type CustomSite, CustomSiteSchema } from '@/lib/model/custom-site';
import type { Signing } from '@/lib/model/signing';
import type { Conditions, Prompt, Variable } from '@/lib/model/variables';
import { ActionSchema } from '@/lib/render/action-rules';
import type { LocalConfig } from '@/lib/sharing/export-config';

/** Every inline secret value starts with this, and nothing else generated contains it. */
export const INLINE_SECRET_PREFIX = 'sk_live_';

/** Drops the keys whose value is undefined: a stored action has no `bodyFormat: undefined`. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Names that header names turn into as placeholders (`X-Api-Key` → `x_api_key`) are in the pool on purpose. */
const secretNameArb = fc.oneof(
  fc.constantFrom('x_api_key', 'api_token', 'x_token', 'rundeck_token', 'signing_key', 'hook_secret'),
  fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/),
);

const ORIGINS = [
  'https://hooks.example.com',
  'https://rundeck.acme.test:4440',
  'https://api.ops.example.org',
  'http://localhost:8080',
  'https://events.pagerduty.com',
];
const PATHS = ['/', '/run', '/run/{{ incident.id }}', '/api/46/job/restart/run?env={{ constants.env }}', '/hook#top'];

/** Plain header names; auth's header names are kept apart so no action writes one header twice. */
const HEADER_NAMES = [
  'X-Api-Key',
  'Api-Token',
  'X-Token',
  'X-Env',
  'Accept',
  'X-Trace-Id',
  'X-Team',
  'Content-Language',
];
const AUTH_HEADER_NAMES = ['X-Auth-Token', 'PagerTree-Token', 'X-Rundeck-Auth-Token'];

const plainValueArb = fc.oneof(
  fc.constantFrom('application/json', 'prod', '{{ incident.id }}', '{{ constants.env }}', ''),
  fc.stringMatching(/^[A-Za-z0-9 ./-]{0,20}$/),
);

/** An inline secret: one line, no template, unique enough never to appear anywhere by chance. */
const inlineSecretArb = fc
  .oneof(
    // A few shared values, so that one value in several headers (one placeholder for all) comes up too.
    fc.constantFrom('sharedValue0001', 'sharedValue0002'),
    fc.stringMatching(/^[A-Za-z0-9+/=~-]{12,32}$/),
  )
  .map((tail) => `${INLINE_SECRET_PREFIX}${tail}`);

const headerValueArb: fc.Arbitrary<Omit<Header, 'name'>> = fc.oneof(
  plainValueArb.map((value) => ({ value, secret: false })),
  secretNameArb.map((name) => ({ value: `{{ secrets.${name} }}`, secret: false })),
  secretNameArb.map((name) => ({ value: `{{ secrets.${name} }}`, secret: true })),
  inlineSecretArb.map((value) => ({ value, secret: true })),
);

const headersArb: fc.Arbitrary<Header[]> = fc
  .uniqueArray(fc.constantFrom(...HEADER_NAMES), { maxLength: 5, selector: (name) => name.toLowerCase() })
  .chain((names) =>
    fc.tuple(...names.map((name) => headerValueArb.map((rest): Header => ({ name, ...rest })))).map((h) => [...h]),
  );

const variableNameArb = fc.stringMatching(/^[a-z][a-z0-9_]{0,9}$/);

const variablesArb: fc.Arbitrary<Variable[]> = fc.uniqueArray(variableNameArb, { maxLength: 4 }).chain((names) =>
  fc
    .tuple(
      ...names.map((name, index) =>
        fc.oneof(
          fc.record({
            kind: fc.constant('extract' as const),
            name: fc.constant(name),
            source: fc.constantFrom(
              'incident.title',
              'incident.alert_details.message',
              ...names.slice(0, index).map((before) => `variables.${before}`),
            ),
            regex: fc.constantFrom('(\\d+)', '(?<host>[a-z0-9-]+)', 'db-(\\w+)', 'prod'),
          }),
          fc.record({
            kind: fc.constant('compose' as const),
            name: fc.constant(name),
            template: fc.constantFrom(
              '{{ incident.title }} on {{ incident.service }}',
              '{{ constants.env }}-{{ incident.id }}',
              '',
              ...names.slice(0, index).map((before) => `{{ variables.${before} | upcase }}`),
            ),
          }),
          fc.record({
            kind: fc.constant('constant' as const),
            name: fc.constant(name),
            value: fc.constantFrom('eu-west-1', '{{ constants.env }}', ''),
          }),
        ),
      ),
    )
    .map((variables): Variable[] => [...variables]),
);

const promptsArb: fc.Arbitrary<Prompt[]> = fc.uniqueArray(
  fc
    .record({
      name: variableNameArb,
      label: fc.constantFrom('Reason', 'How many nodes?', 'Region'),
      type: fc.constantFrom('text', 'number', 'choice', 'yesno'),
      default: opt(fc.constantFrom('prod', '{{ incident.id }}', '3')),
      required: fc.boolean(),
      pattern: opt(fc.constantFrom('[a-z]+', '\\d{1,3}')),
      choices: opt(fc.uniqueArray(fc.constantFrom('eu', 'us', 'ap'), { minLength: 1, maxLength: 3 })),
    })
    .map((prompt): Prompt => defined(prompt)),
  { maxLength: 3, selector: (prompt) => prompt.name },
);

const conditionsArb = (siteIds: readonly string[]): fc.Arbitrary<Conditions> =>
  fc
    .record({
      match: fc.constantFrom('all', 'any'),
      rules: fc.array(
        fc
          .record({
            variable: fc.constantFrom('incident.priority', 'incident.urgency', 'incident.service'),
            operator: fc.constantFrom('equals', 'not_equals', 'contains', 'in', 'exists', 'greater_than'),
            value: opt(fc.constantFrom('P1', 'high', 'P1,P2', '3')),
          })
          .map((rule) => defined(rule)),
        { maxLength: 3 },
      ),
      sites: opt(
        fc.uniqueArray(fc.constantFrom('pagerduty', 'incident-io', ...siteIds.map((id) => `custom:${id}`)), {
          maxLength: 4,
        }),
      ),
    })
    .map((conditions): Conditions => defined(conditions));

const authArb: fc.Arbitrary<Auth> = fc.oneof(
  fc.record({ kind: fc.constant('bearer' as const), secret: secretNameArb }),
  fc.record({
    kind: fc.constant('basic' as const),
    username: fc.constantFrom('ops', 'svc-bot'),
    secret: secretNameArb,
  }),
  fc.record({
    kind: fc.constant('header' as const),
    header: fc.constantFrom(...AUTH_HEADER_NAMES),
    secret: secretNameArb,
  }),
  fc.record({ kind: fc.constant('query' as const), param: fc.constantFrom('authtoken', 'key'), secret: secretNameArb }),
);

const signingArb: fc.Arbitrary<Signing> = fc.oneof(
  fc.record({ scheme: fc.constant('github' as const), secrets: fc.tuple(secretNameArb).map((s) => [...s]) }),
  fc.record({
    scheme: fc.constantFrom('pagerduty' as const, 'standard-webhooks' as const),
    secrets: fc.uniqueArray(secretNameArb, { minLength: 1, maxLength: 3 }),
  }),
);

const BODIES: Record<(typeof BODY_FORMATS)[number], string[]> = {
  json: ['{"incident_id":"{{ incident.id }}","title":"{{ incident.title }}"}', '{"env":"{{ constants.env }}"}', '{}'],
  text: ['Incident {{ incident.id }}: {{ incident.title }}', 'restart'],
  form: ['id={{ incident.id }}&env={{ constants.env }}', 'x=1'],
};

const timestampArb = fc.integer({ min: 0, max: 4_000_000_000_000 });

/** One valid action, whose `custom:` sites are among `siteIds`. */
const actionArb = (siteIds: readonly string[]): fc.Arbitrary<Action> =>
  fc
    .record({
      id: fc.oneof(fc.uuid(), fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/)),
      label: fc.constantFrom('Restart server', 'Page {{ incident.id }}', 'Scale up', 'Runbook'),
      enabled: fc.boolean(),
      method: fc.constantFrom(...HTTP_METHODS),
      origin: fc.constantFrom(...ORIGINS),
      path: fc.constantFrom(...PATHS),
      headers: headersArb,
      bodyFormat: opt(fc.constantFrom(...BODY_FORMATS)),
      bodyPick: fc.nat(),
      emptyBody: fc.boolean(),
      variables: opt(variablesArb),
      prompts: opt(promptsArb),
      conditions: opt(conditionsArb(siteIds)),
      auth: opt(authArb),
      signing: opt(signingArb),
      delivery: opt(
        fc.record(
          {
            timeoutSeconds: fc.integer({ min: 1, max: 120 }),
            maxAttempts: fc.integer({ min: 1, max: 10 }),
            giveUpAfterMinutes: fc.integer({ min: 1, max: 1_440 }),
            maxBodyKB: fc.integer({ min: 1, max: 10_240 }),
          },
          { requiredKeys: ['timeoutSeconds', 'maxAttempts', 'giveUpAfterMinutes'] },
        ),
      ),
      postNote: opt(fc.boolean()),
      createdAt: timestampArb,
      updatedAt: timestampArb,
    })
    .map(({ origin, path, bodyPick, emptyBody, ...rest }) => {
      const bodies = BODIES[rest.bodyFormat ?? 'json'];
      const noBody = emptyBody || rest.method === 'GET' || rest.method === 'DELETE';
      const body = noBody ? '' : (bodies[bodyPick % bodies.length] ?? '');
      return ActionSchema.parse(defined({ ...rest, url: `${origin}${path}`, body }));
    });

const siteArb: fc.Arbitrary<CustomSite> = fc
  .record({
    id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/),
    name: fc.constantFrom('In-house on-call', 'Ops portal', 'Status'),
    urlPattern: fc.constantFrom(
      'https://oncall.example.com/*',
      'https://*.ops.example.org/incidents/*',
      'http://localhost:3000/*',
      'https://status.acme.test/i/*',
    ),
    incidentIdRegex: fc.constantFrom('^/incidents/([A-Z0-9]+)', '/i/(\\d+)', '([a-f0-9-]{36})'),
    anchorSelector: opt(fc.constantFrom('h1', '#incident-header .title')),
    fields: fc.uniqueArray(
      fc
        .record({
          field: fc.constantFrom('title', 'status', 'priority', 'custom_fields.region', 'custom_fields.Team name'),
          selector: fc.constantFrom('h1', '.status', '[data-field="priority"]'),
          attribute: opt(fc.constantFrom('title', 'data-value')),
          regex: opt(fc.constantFrom('P(\\d)', '^(.*)$')),
        })
        .map((field) => defined(field)),
      { maxLength: 4, selector: (field) => field.field },
    ),
    createdAt: timestampArb,
    updatedAt: timestampArb,
  })
  .map((site) => CustomSiteSchema.parse(defined(site)));

const constantsArb: fc.Arbitrary<Constant[]> = fc
  .uniqueArray(
    fc.record({
      name: fc.oneof(fc.constantFrom('env', 'runbook_base', 'team'), fc.stringMatching(/^[a-z][a-z0-9_]{0,9}$/)),
      value: fc.oneof(
        fc.constantFrom('prod', 'https://runbooks.example.com', ''),
        fc.stringMatching(/^[A-Za-z0-9 .:/-]{0,30}$/),
      ),
    }),
    { maxLength: 5, selector: (constant) => constant.name },
  )
  .map((constants) => ConstantsSchema.parse(constants));

/** A whole local config: sites first, so that actions' `custom:<id>` conditions name real ones. */
export const localConfigArb: fc.Arbitrary<LocalConfig> = fc
  .uniqueArray(siteArb, { maxLength: 3, selector: (site) => site.id })
  .chain((sites) =>
    fc.record({
      actions: fc.uniqueArray(actionArb(sites.map((site) => site.id)), { maxLength: 6, selector: (a) => a.id }),
      sites: fc.constant(sites),
      constants: constantsArb,
    }),
  );
