// @vitest-environment node
// The JSON Schemas in public/: up to date with the zod schemas, and validating what they must (ajv, as
// editors do); Chrome's policy schema in the subset Chrome parses; the examples in docs/policy.md.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { GECKO_ID } from '@/lib/core/extension-ids';
import { CONFIG_SCHEMA_FILE } from '@/lib/sharing/config-file';
import { exportConfig, type LocalConfig } from '@/lib/sharing/export-config';
import {
  chromeManagedSchema,
  configJsonSchema,
  MANAGED_SCHEMA_FILE,
  re2Compatible,
  toChromePolicySchema,
} from '@/lib/sharing/json-schema';
import { PolicySchema } from '@/lib/sharing/managed-policy';
import { readConfigValue } from '@/lib/sharing/read-config';
import { makeAction } from '../../support/builders';

type Schema = Record<string, unknown>;

const committed = (file: string): Schema =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../public/${file}`, import.meta.url)), 'utf8'));
const configSchema = committed(CONFIG_SCHEMA_FILE);
const managedSchema = committed(MANAGED_SCHEMA_FILE);

/** What an editor does with the committed file: draft 2020-12, every keyword understood (strict). */
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validateConfig = ajv.compile(configSchema);
/** Chrome's dialect is plain JSON Schema minus keywords, so a JSON Schema validator reads it the same way. */
const validatePolicy = new Ajv2020({ allErrors: true, strict: true }).compile(managedSchema);

/** Several actions between them use every part of a config: secret headers, auth, signing, variables. */
function local(): LocalConfig {
  return {
    actions: [
      makeAction({
        id: 'restart',
        label: 'Restart {{ variables.host }}',
        url: 'https://rundeck.example.com/api/45/job/restart/run?host={{ variables.host }}',
        headers: [
          { name: 'Accept', value: 'application/json', secret: false },
          { name: 'X-Api-Key', value: 's3cr3t-inline', secret: true },
        ],
        bodyFormat: 'json',
        body: '{"incident":"{{incident.id}}","env":"{{constants.environment}}","reason":"{{params.reason}}"}',
        variables: [
          { kind: 'extract', name: 'host', source: 'incident.title', regex: 'on (\\S+)' },
          { kind: 'compose', name: 'summary', template: '{{incident.title}} ({{variables.host}})' },
          { kind: 'constant', name: 'team', value: 'sre' },
        ],
        prompts: [{ name: 'reason', label: 'Why restart?', type: 'text', required: true, default: 'stuck' }],
        conditions: {
          match: 'all',
          rules: [{ variable: 'incident.urgency', operator: 'equals', value: 'high' }],
          sites: ['oncall'],
        },
        auth: { kind: 'bearer', secret: 'rundeck_token' },
        delivery: { timeoutSeconds: 10, maxAttempts: 3, giveUpAfterMinutes: 30 },
        postNote: true,
      }),
      makeAction({
        id: 'diagnose',
        label: 'Diagnose',
        url: 'https://hooks.example.com/diagnose',
        headers: [{ name: 'X-Diag-Token', value: '{{ secrets.diag_token }}', secret: true }],
        signing: { scheme: 'standard-webhooks', secrets: ['webhook_key'] },
        auth: { kind: 'basic', username: 'ops', secret: 'diag_password' },
      }),
    ],
    sites: [
      {
        id: 'oncall',
        name: 'On-call',
        urlPattern: 'HTTPS://OnCall.Example.com/*',
        incidentIdRegex: '^/incidents/([A-Z0-9-]+)',
        fields: [
          { field: 'title', selector: 'h1' },
          { field: 'custom_fields.region', selector: '[data-region]', attribute: 'data-region' },
        ],
        createdAt: 1_000,
        updatedAt: 1_000,
      },
    ],
    constants: [{ name: 'environment', value: 'production' }],
  };
}

const exported = () => exportConfig(local(), 'all', Date.UTC(2025, 0, 2, 3, 4, 5));

/** Every sub-schema of a JSON Schema, with its path. */
function* nodes(schema: Schema, path = '$'): Generator<[string, Schema]> {
  yield [path, schema];
  for (const key of ['properties', 'patternProperties'])
    for (const [name, child] of Object.entries((schema[key] ?? {}) as Record<string, Schema>))
      yield* nodes(child, `${path}.${name}`);
  for (const key of ['items', 'additionalProperties'])
    if (typeof schema[key] === 'object') yield* nodes(schema[key] as Schema, `${path}[${key}]`);
  for (const key of ['anyOf', 'oneOf', 'allOf'])
    for (const [index, child] of ((schema[key] ?? []) as Schema[]).entries()) yield* nodes(child, `${path}|${index}`);
}

/** The ```json blocks of docs/policy.md, parsed. */
function docExamples(): unknown[] {
  const text = readFileSync(fileURLToPath(new URL('../../../docs/policy.md', import.meta.url)), 'utf8');
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1] ?? ''));
}

describe('committed JSON Schemas', () => {
  it.each([
    [CONFIG_SCHEMA_FILE, configJsonSchema],
    [MANAGED_SCHEMA_FILE, chromeManagedSchema],
  ])('public/%s is what the zod schemas generate', (file, generate) => {
    expect(committed(file), `public/${file} is stale: run npm run schema`).toEqual(generate());
  });
});

describe('config file JSON Schema', () => {
  it('is draft 2020-12, titled, with the regex checks as patterns and the header union', () => {
    expect(configSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(configSchema.title).toBe('Incident Actions config');
    const text = JSON.stringify(configSchema);
    expect(text).toContain(JSON.stringify('^[A-Za-z0-9_-]{1,80}$'));
    expect(text).toContain(JSON.stringify('^[a-z][a-z0-9_]{0,39}$'));
    const action = (configSchema.properties as Record<string, Schema>).actions?.items as Schema;
    const headers = (action.properties as Record<string, Schema>).headers?.items as Schema;
    expect((headers.anyOf as Schema[]).map((branch) => branch.required)).toEqual([
      ['name', 'value'],
      ['name', 'secret', 'placeholder'],
      ['name', 'secret', 'value'],
    ]);
  });

  it('accepts a real export, secret headers as placeholders', () => {
    const file = exported();
    expect(file.actions[0]?.headers[1]).toEqual({ name: 'X-Api-Key', secret: true, placeholder: 'x_api_key' });
    expect(validateConfig(file), JSON.stringify(validateConfig.errors)).toBe(true);
    // The same file through JSON, as an editor sees it.
    expect(validateConfig(JSON.parse(JSON.stringify(file)))).toBe(true);
  });

  it('does not refuse what the importer accepts: a case-insensitive site URL pattern', () => {
    const file = exported();
    const read = readConfigValue(file, 0);
    expect(read.ok, JSON.stringify(read)).toBe(true);
    expect(file.sites?.[0]?.urlPattern).toBe('HTTPS://OnCall.Example.com/*');
    expect(validateConfig(file)).toBe(true);
  });

  it.each<[string, (file: Schema & { actions: Schema[] }) => void, string]>([
    ['an unknown top-level key', (file) => Object.assign(file, { extra: true }), 'additionalProperties'],
    [
      'an unknown action key',
      (file) => Object.assign(file.actions[0] ?? {}, { colour: 'red' }),
      'additionalProperties',
    ],
    ['a bad method', (file) => Object.assign(file.actions[0] ?? {}, { method: 'PURGE' }), 'enum'],
    ['another format', (file) => Object.assign(file, { format: 'something/else' }), 'const'],
    ['an id with a colon', (file) => Object.assign(file.actions[0] ?? {}, { id: 'policy:restart' }), 'pattern'],
    [
      'a secret header with a value',
      (file) => {
        const headers = file.actions[0]?.headers as Schema[];
        headers[1] = { name: 'X-Api-Key', secret: true, placeholder: 'x_api_key', value: 'leaked' };
      },
      'additionalProperties',
    ],
  ])('refuses %s', (_, spoil, keyword) => {
    const file = JSON.parse(JSON.stringify(exported()));
    spoil(file);
    expect(validateConfig(file)).toBe(false);
    expect(validateConfig.errors?.map((error) => error.keyword)).toContain(keyword);
  });
});

describe('Chrome managed storage schema', () => {
  it('uses only what Chrome’s schema parser accepts, so that Chrome loads the extension', () => {
    const allowed: Record<string, string[]> = {
      object: ['type', 'title', 'description', 'properties', 'required', 'additionalProperties', 'patternProperties'],
      array: ['type', 'title', 'description', 'items'],
      string: ['type', 'title', 'description', 'enum', 'pattern'],
      integer: ['type', 'title', 'description', 'enum', 'minimum', 'maximum'],
      number: ['type', 'title', 'description'],
      boolean: ['type', 'title', 'description'],
    };
    expect(Object.keys(managedSchema)).toEqual(['type', 'properties']);
    for (const [path, node] of nodes(managedSchema)) {
      const type = node.type as string;
      expect(Object.keys(allowed), path).toContain(type);
      for (const key of Object.keys(node)) expect(allowed[type], `${path}: ${key}`).toContain(key);
      if (node.pattern !== undefined) expect(re2Compatible(node.pattern as string), path).toBe(true);
      for (const name of (node.required ?? []) as string[]) expect(Object.keys(node.properties ?? {})).toContain(name);
      if (node.additionalProperties !== undefined) expect(typeof node.additionalProperties, path).toBe('object');
    }
  });

  it('declares the keys PolicySchema reads, no more', () => {
    const properties = managedSchema.properties as Record<string, Schema>;
    expect(Object.keys(properties).sort()).toEqual(Object.keys(PolicySchema.shape).sort());
    const subscription = properties.subscriptions?.items as Schema;
    expect(Object.keys(subscription.properties as Schema).sort()).toEqual(['refreshMinutes', 'url']);
  });

  it('accepts a real export as the locked config, and the older versions the extension migrates', () => {
    expect(validatePolicy({ config: exported() }), JSON.stringify(validatePolicy.errors)).toBe(true);
    const v1 = { version: 1, actions: [{ ...makeAction({ id: 'old' }), headers: [] }] };
    expect(validatePolicy({ config: v1 }), JSON.stringify(validatePolicy.errors)).toBe(true);
    expect(readConfigValue(v1, 0).ok).toBe(true);
  });

  it.each([
    ['a config that is not an object', { config: '{"version": 2}' }],
    ['a bad method', { config: { ...exported(), actions: [{ ...exported().actions[0], method: 'PURGE' }] } }],
    ['a subscription without a URL', { subscriptions: [{ refreshMinutes: 60 }] }],
    [
      'a refresh below the minimum',
      { subscriptions: [{ url: 'https://config.example.com/a.json', refreshMinutes: 1 }] },
    ],
  ])('refuses %s', (_, policy) => {
    expect(validatePolicy(policy)).toBe(false);
  });
});

describe('toChromePolicySchema', () => {
  it('merges union branches into one object, required where every branch requires it', () => {
    const merged = toChromePolicySchema({
      anyOf: [
        {
          type: 'object',
          properties: { kind: { type: 'string', const: 'a' }, n: { type: 'integer', minimum: 1 } },
          required: ['kind', 'n'],
          additionalProperties: false,
        },
        {
          type: 'object',
          properties: { kind: { type: 'string', const: 'b' }, s: { type: 'string', maxLength: 3 } },
          required: ['kind', 's'],
          additionalProperties: false,
        },
      ],
    });
    expect(merged).toEqual({
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['a', 'b'] },
        n: { type: 'integer', minimum: 1 },
        s: { type: 'string' },
      },
      required: ['kind'],
    });
  });

  it('turns integer constants into enums, and drops what RE2 or Chrome cannot take', () => {
    expect(toChromePolicySchema({ type: 'number', const: 2 })).toEqual({ type: 'integer', enum: [2] });
    expect(toChromePolicySchema({ type: 'boolean', const: true })).toEqual({ type: 'boolean' });
    expect(toChromePolicySchema({ type: 'number', minimum: 0 })).toEqual({ type: 'number' });
    expect(toChromePolicySchema({ type: 'string', pattern: '^(?!x)' })).toEqual({ type: 'string' });
    expect(toChromePolicySchema({ type: 'integer', maximum: 2 ** 53 })).toEqual({ type: 'integer' });
  });

  it('refuses what it cannot express rather than emit a schema Chrome would reject', () => {
    expect(() => toChromePolicySchema({ anyOf: [{ type: 'string' }, { type: 'integer' }] })).toThrow(/cannot merge/);
    expect(() => toChromePolicySchema({})).toThrow(/needs one type/);
    expect(() => toChromePolicySchema({ type: 'array' })).toThrow(/items/);
  });
});

describe('docs/policy.md', () => {
  const [policy, chrome, firefox] = docExamples() as Schema[];

  it('shows a policy that Chrome accepts and the extension reads', () => {
    expect(validatePolicy(policy), JSON.stringify(validatePolicy.errors)).toBe(true);
    const parsed = PolicySchema.safeParse(policy);
    expect(parsed.success).toBe(true);
    const read = readConfigValue(parsed.data?.config, 0);
    expect(read.ok, JSON.stringify(read)).toBe(true);
    expect(read.ok && read.value.secrets).toEqual(['rundeck_token']);
  });

  it('puts that same policy in Chrome’s and Firefox’s policy files', () => {
    expect(chrome).toEqual({ '3rdparty': { extensions: { '<extension-id>': policy } } });
    expect(firefox).toEqual({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } });
  });
});
