import * as z from 'zod/mini';
import { MIN_REFRESH_MINUTES } from '../model/subscription';
import { ConfigFileSchema } from './config-file';

/**
 * The JSON Schemas generated from the zod schemas, written to public/ by `npm run schema` and checked
 * against the committed files by test/lib/sharing/json-schema.test.ts:
 * - `incident-actions-config.schema.json` (CONFIG_SCHEMA_FILE): the config file, for editors, draft 2020-12;
 * - `managed_schema.json`: the browser policy, for Chrome's `storage.managed_schema` (Firefox reads its
 *   `3rdparty` policy without a schema). docs/policy.md shows the policy files.
 */
export const MANAGED_SCHEMA_FILE = 'managed_schema.json';

type Schema = Record<string, unknown>;

export function configJsonSchema(): Schema {
  const { $schema, ...generated } = z.toJSONSchema(ConfigFileSchema, {
    target: 'draft-2020-12',
    // What a file may say, before zod's transforms. Refinements (templates, URLs, rules across fields) have
    // no JSON Schema equivalent: the importer checks them and reports each at its path.
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      // JSON Schema patterns have no flags: a case-insensitive regex (a site's URL pattern) written as its
      // bare source would refuse what the importer accepts, so it is left out.
      const flagged = (zodSchema._zod.def.checks ?? []).some((check) => {
        const { pattern } = check._zod.def as { pattern?: unknown };
        return pattern instanceof RegExp && /[ims]/.test(pattern.flags);
      });
      if (flagged) delete jsonSchema.pattern;
    },
  }) as Schema;
  return {
    $schema,
    title: 'Incident Actions config',
    description:
      'Actions, the custom sites and constants they use, and the names of the secrets they need, as exported by the Incident Actions extension. Secret values are never in the file.',
    ...generated,
  };
}

/**
 * The policy an admin sets for the extension, in Chrome's schema dialect: `config` (a config file like an
 * exported one, whose actions are locked) and `subscriptions` (team config URLs every responder follows).
 * It mirrors `PolicySchema` (lib/sharing/managed-policy.ts), which the extension applies after Chrome.
 */
export function chromeManagedSchema(): Schema {
  const config = toChromePolicySchema(configJsonSchema());
  const properties = config.properties as Record<string, Schema>;
  // The extension reads older config versions too (migrating them) and says why it refuses a newer one;
  // Chrome refusing those would drop the policy without a word, so it checks a whole version only.
  properties.version = { type: 'integer', minimum: 1 };
  config.required = ['version', 'actions'];
  return {
    type: 'object',
    properties: {
      config: {
        ...config,
        title: 'Locked config',
        description:
          'A config file exactly as Incident Actions exports it (format, version, actions, sites, constants, secrets). Its actions are locked on every browser; responders save the secrets it names.',
      },
      subscriptions: {
        type: 'array',
        title: 'Subscriptions',
        description: 'Team config URLs (https) every browser follows; responders cannot remove them.',
        items: {
          type: 'object',
          properties: {
            url: { type: 'string', description: 'An https:// URL serving a config file.' },
            refreshMinutes: {
              type: 'integer',
              minimum: MIN_REFRESH_MINUTES,
              description: `How often it is checked, in minutes (at least ${MIN_REFRESH_MINUTES}; 60 when absent).`,
            },
          },
          required: ['url'],
        },
      },
    },
  };
}

/**
 * The keywords Chrome's policy schema parser knows, by type (chromium/chromium components/policy/core/common/schema.cc).
 * Others are ignored, except that a known keyword of the wrong shape, an `enum` outside string and integer,
 * or `minimum` outside integer makes the whole schema invalid, and Chrome then refuses to load the extension.
 */
const CHROME_KEYWORDS: Record<string, readonly string[]> = {
  object: ['type', 'title', 'description', 'properties', 'required', 'additionalProperties', 'patternProperties'],
  array: ['type', 'title', 'description', 'items'],
  string: ['type', 'title', 'description', 'enum', 'pattern'],
  integer: ['type', 'title', 'description', 'enum', 'minimum', 'maximum'],
  number: ['type', 'title', 'description'],
  boolean: ['type', 'title', 'description'],
};

/**
 * A JSON Schema in the subset Chrome's `storage.managed_schema` accepts: one `type` per node, no unions,
 * no `const`, `additionalProperties` only as a schema. Union branches (the two kinds of header, the kinds of
 * variable and of auth) merge into one object with every branch's properties, required only where every
 * branch requires them; `const` becomes a one-value `enum` where Chrome has enums (strings, integers).
 * The result accepts at least what the source schema accepts, so Chrome never drops a policy the
 * extension would take; the extension's own checks do the rest. Throws on what it cannot express.
 */
export function toChromePolicySchema(node: Schema, path = '$'): Schema {
  for (const key of ['allOf', 'not', 'if', '$ref', 'prefixItems'])
    if (key in node) throw new Error(`${path}: "${key}" has no equivalent in Chrome's policy schema`);
  const union = node.anyOf ?? node.oneOf;
  if (Array.isArray(union)) {
    const branches = union.map((branch: Schema, index) => toChromePolicySchema(branch, `${path}|${index}`));
    return branches.reduce((merged, branch) => mergeBranches(merged, branch, path));
  }

  const source = { ...node };
  let type = source.type;
  if ('const' in source) {
    const value = source.const;
    if (typeof value === 'string') source.enum = [value];
    else if (Number.isInteger(value)) {
      type = 'integer';
      source.enum = [value];
    }
  }
  if (typeof type !== 'string' || !(type in CHROME_KEYWORDS))
    throw new Error(`${path}: Chrome's policy schema needs one type, not ${JSON.stringify(type)}`);
  const allowed = CHROME_KEYWORDS[type] ?? [];
  const out: Schema = {};
  for (const key of allowed) if (key in source) out[key] = source[key];
  out.type = type;

  if (out.pattern !== undefined && !re2Compatible(String(out.pattern))) delete out.pattern;
  // Chrome reads bounds as 32-bit integers.
  for (const bound of ['minimum', 'maximum']) if (out[bound] !== undefined && !isInt32(out[bound])) delete out[bound];
  if (Array.isArray(out.enum) && type === 'integer' && !out.enum.every(isInt32)) delete out.enum;
  if (type === 'object') {
    if (out.properties) out.properties = mapValues(out.properties as Record<string, Schema>, path);
    if (out.patternProperties) {
      for (const pattern of Object.keys(out.patternProperties as Schema))
        if (!re2Compatible(pattern)) throw new Error(`${path}: /${pattern}/ is not an RE2 pattern`);
      out.patternProperties = mapValues(out.patternProperties as Record<string, Schema>, path);
    }
    // `additionalProperties: false` is not a schema: Chrome drops unknown properties anyway.
    if (typeof out.additionalProperties === 'object' && out.additionalProperties !== null)
      out.additionalProperties = toChromePolicySchema(out.additionalProperties as Schema, `${path}.*`);
    else delete out.additionalProperties;
  }
  if (type === 'array') {
    if (typeof out.items !== 'object' || out.items === null)
      throw new Error(`${path}: an array needs one items schema`);
    out.items = toChromePolicySchema(out.items as Schema, `${path}[]`);
  }
  return out;
}

/** One schema accepting what either branch accepts, as far as Chrome's keywords can say it. */
function mergeBranches(a: Schema, b: Schema, path: string): Schema {
  if (a.type !== b.type) throw new Error(`${path}: cannot merge a ${a.type} with a ${b.type} without a union`);
  const merged: Schema = { type: a.type };
  for (const key of ['title', 'description', 'pattern'])
    if (a[key] === b[key] && a[key] !== undefined) merged[key] = a[key];
  if (Array.isArray(a.enum) && Array.isArray(b.enum)) merged.enum = [...new Set([...a.enum, ...b.enum])];
  if (typeof a.minimum === 'number' && typeof b.minimum === 'number') merged.minimum = Math.min(a.minimum, b.minimum);
  if (typeof a.maximum === 'number' && typeof b.maximum === 'number') merged.maximum = Math.max(a.maximum, b.maximum);
  if (a.type === 'array') merged.items = mergeBranches(a.items as Schema, b.items as Schema, `${path}[]`);
  if (a.type === 'object') {
    const left = (a.properties ?? {}) as Record<string, Schema>;
    const right = (b.properties ?? {}) as Record<string, Schema>;
    const properties: Record<string, Schema> = { ...left, ...right };
    for (const key of Object.keys(left))
      if (right[key]) properties[key] = mergeBranches(left[key] as Schema, right[key], `${path}.${key}`);
    if (Object.keys(properties).length > 0) merged.properties = properties;
    const required = ((a.required ?? []) as string[]).filter((key) => ((b.required ?? []) as string[]).includes(key));
    if (required.length > 0) merged.required = required;
    if (a.additionalProperties || b.additionalProperties || a.patternProperties || b.patternProperties)
      throw new Error(`${path}: cannot merge objects with additional or pattern properties`);
  }
  return merged;
}

/**
 * Whether a JavaScript regex source means the same in RE2, which Chrome compiles patterns with: an invalid
 * one makes the schema invalid and the extension fail to load. Conservative: no lookaround, named groups or
 * backreferences, no `\u`/`\c` escapes. A pattern left out only makes Chrome's check looser.
 */
export function re2Compatible(pattern: string): boolean {
  return !/\(\?[=!<]|\\[1-9kuc]/.test(pattern);
}

function mapValues(properties: Record<string, Schema>, path: string): Record<string, Schema> {
  return Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [key, toChromePolicySchema(value, `${path}.${key}`)]),
  );
}

function isInt32(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31;
}
