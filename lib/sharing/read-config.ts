import type * as z from 'zod/mini';
import type { Action, Header } from '../model/action';
import type { Constant } from '../model/constants';
import { type CustomSite, CustomSiteSchema } from '../model/custom-site';
import { type SiteFix, SiteFixSchema, siteFixId } from '../model/site-fix';
import { ActionSchema } from '../render/action-rules';
import { secretsUsed } from '../render/secrets-used';
import { CONFIG_FORMAT, CONFIG_VERSION, ConfigFileSchema, type FileAction } from './config-file';
import { migrateConfig } from './config-migrations';
import { type ConfigProblem, jsonPath } from './json-path';
import { parseUntrustedJson } from './safe-json';

/** Far above any real config (500 actions of 256 kB bodies would not fit anyway), far below harm. */
export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

/** A secret header the file named instead of carrying its value. */
interface Placeholder {
  actionId: string;
  header: string;
  secret: string;
}

/** A config read and checked, in the form the store keeps, ready to compare with what is saved. */
export interface IncomingConfig {
  /** A placeholder header reads `{{ secrets.<name> }}` until the plan fills it in. */
  actions: Action[];
  placeholders: Placeholder[];
  sites: CustomSite[];
  constants: Constant[];
  /** Keyed as the user's own; the plan re-keys them for a subscription or the policy. */
  siteFixes: SiteFix[];
  /** Every secret the actions need, by name. */
  secrets: string[];
  /** The version the file was written in, when older than this release's. */
  migratedFrom?: number;
}

export type ReadResult = { ok: true; value: IncomingConfig } | { ok: false; problems: ConfigProblem[] };

const refused = (path: string, message: string): ReadResult => ({ ok: false, problems: [{ path, message }] });

/**
 * Reads a config someone else wrote: size first (before parsing), then JSON without prototype keys, the
 * format and version (older migrated, newer refused), then every field and every rule across fields, each
 * problem at its JSON path. Nothing is written: the caller shows a preview first.
 */
export function readConfig(text: string, now: number): ReadResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_CONFIG_BYTES) return refused('$', tooBig(bytes));
  const parsed = parseUntrustedJson(text);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  return readConfigValue(parsed.value, now);
}

export function tooBig(bytes: number): string {
  return `The file is ${(bytes / 1_048_576).toFixed(1)} MB; a config may be at most ${MAX_CONFIG_BYTES / 1_048_576} MB`;
}

/** The same checks over a value already parsed (the browser policy hands one over). */
export function readConfigValue(value: unknown, now: number): ReadResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return refused('$', 'A config is a JSON object with "format", "version" and "actions"');
  const file = value as Record<string, unknown>;
  if (file.format !== undefined && file.format !== CONFIG_FORMAT)
    return refused('$.format', `Not an Incident Actions config (expected "${CONFIG_FORMAT}")`);
  const version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return refused('$.version', 'The config version is missing or not a whole number');
  if (version > CONFIG_VERSION)
    return refused(
      '$.version',
      `This config is version ${version}, written by a newer Incident Actions; this one reads up to version ${CONFIG_VERSION}. Update the extension to import it.`,
    );
  const current = version < CONFIG_VERSION ? migrateConfig(file, version, CONFIG_VERSION) : file;

  const checked = ConfigFileSchema.safeParse(current);
  if (!checked.success) return { ok: false, problems: zodProblems(checked.error, []) };
  const config = checked.data;

  const problems: ConfigProblem[] = [];
  const placeholders: Placeholder[] = [];
  const actions: Action[] = [];
  const ids = new Set<string>();
  config.actions.forEach((fileAction, index) => {
    if (ids.has(fileAction.id)) problems.push({ path: jsonPath(['actions', index, 'id']), message: 'Used twice' });
    ids.add(fileAction.id);
    const action = ActionSchema.safeParse(toAction(fileAction, now, placeholders));
    if (action.success) actions.push(action.data);
    else problems.push(...zodProblems(action.error, ['actions', index]));
  });
  const sites: CustomSite[] = [];
  (config.sites ?? []).forEach((fileSite, index) => {
    const site = CustomSiteSchema.safeParse({
      ...fileSite,
      createdAt: fileSite.createdAt ?? now,
      updatedAt: fileSite.updatedAt ?? now,
    });
    if (site.success) sites.push(site.data);
    else problems.push(...zodProblems(site.error, ['sites', index]));
  });
  const constants = config.constants ?? [];
  const names = constants.map((constant) => constant.name);
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index)
      problems.push({ path: jsonPath(['constants', index, 'name']), message: 'Each constant needs its own name' });
  });
  const siteFixes: SiteFix[] = [];
  (config.siteFixes ?? []).forEach((fileFix, index) => {
    if (siteFixes.some((fix) => fix.site === fileFix.site))
      problems.push({ path: jsonPath(['siteFixes', index, 'site']), message: 'One fix per site' });
    const fix = SiteFixSchema.safeParse({
      ...fileFix,
      id: siteFixId(fileFix.site),
      updatedAt: fileFix.updatedAt ?? now,
    });
    if (fix.success) siteFixes.push(fix.data);
    else problems.push(...zodProblems(fix.error, ['siteFixes', index]));
  });
  if (problems.length > 0) return { ok: false, problems };

  const secrets = new Set((config.secrets ?? []).map((secret) => secret.name));
  for (const action of actions) for (const name of secretsUsed(action)) secrets.add(name);
  return {
    ok: true,
    value: {
      actions,
      placeholders,
      sites,
      constants,
      siteFixes,
      secrets: [...secrets].sort(),
      ...(version < CONFIG_VERSION ? { migratedFrom: version } : {}),
    },
  };
}

/** A secret header's placeholder becomes a reference to the saved secret of that name. */
export const secretReference = (name: string) => `{{ secrets.${name} }}`;

function toAction(fileAction: FileAction, now: number, placeholders: Placeholder[]): Action {
  const headers: Header[] = fileAction.headers.map((header) => {
    if (header.secret === true && 'value' in header) return { name: header.name, value: header.value, secret: true };
    if (header.secret === true) {
      placeholders.push({ actionId: fileAction.id, header: header.name, secret: header.placeholder });
      return { name: header.name, value: secretReference(header.placeholder), secret: true };
    }
    return { name: header.name, value: header.value, secret: false };
  });
  return {
    ...fileAction,
    headers,
    createdAt: fileAction.createdAt ?? now,
    updatedAt: fileAction.updatedAt ?? now,
  };
}

function zodProblems(error: z.core.$ZodError, prefix: PropertyKey[]): ConfigProblem[] {
  return error.issues.map((issue) => ({
    // An unknown key is shown where it is, as an editor would point at it.
    path: jsonPath([...prefix, ...issue.path, ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])]),
    message: issueMessage(issue),
  }));
}

/** zod's own wording for structure, made plain: an unknown key names the key, a wrong kind says what fits. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  if (issue.code === 'invalid_union') return 'Not one of the accepted shapes here';
  return issue.message;
}
