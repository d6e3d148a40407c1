import type { Action } from '../model/action';
import type { Constant } from '../model/constants';
import type { CustomSite } from '../model/custom-site';
import type { SiteFix } from '../model/site-fix';
import { readsSavedSecret, secretsUsed } from '../render/secrets-used';
import { soleOutput } from '../render/template';
import {
  CONFIG_FORMAT,
  CONFIG_SCHEMA_FILE,
  CONFIG_VERSION,
  type ConfigFile,
  type FileAction,
  type FileHeader,
  type FileSiteFix,
} from './config-file';
import { placeholderName } from './config-migrations';
import { constantsUsed, customSitesUsed } from './references';

export interface LocalConfig {
  actions: Action[];
  sites: CustomSite[];
  constants: Constant[];
  siteFixes?: SiteFix[];
}

/**
 * The config file for some actions (or all): with the custom sites their conditions name and the constants
 * their templates use (all of them when everything is exported), and the names of the secrets they need.
 * A secret header's value never leaves: a header that reads one saved secret is written as that secret's
 * placeholder, and an inline secret value as a placeholder named after its header.
 */
export function exportConfig(local: LocalConfig, selected: readonly string[] | 'all', now: number): ConfigFile {
  const chosen = selected === 'all' ? local.actions : local.actions.filter((action) => selected.includes(action.id));
  const names = new InlineSecretNames(local.actions);
  const ids = fileIds(chosen);
  const actions = chosen.map((action) => toFileAction(action, names, ids.get(action.id) as string));
  const siteIds = new Set(chosen.flatMap(customSitesUsed));
  const constantNames = new Set(chosen.flatMap(constantsUsed));
  const ownFixes = (local.siteFixes ?? []).filter((fix) => !fix.managedBy);
  const secrets = new Set<string>();
  for (const action of chosen) for (const name of secretsUsed(action)) secrets.add(name);
  for (const action of actions)
    for (const header of action.headers) if ('placeholder' in header) secrets.add(header.placeholder);
  return {
    $schema: `./${CONFIG_SCHEMA_FILE}`,
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    exportedAt: new Date(now).toISOString(),
    actions,
    sites: selected === 'all' ? local.sites : local.sites.filter((site) => siteIds.has(site.id)),
    constants:
      selected === 'all' ? local.constants : local.constants.filter((constant) => constantNames.has(constant.name)),
    secrets: [...secrets].sort().map((name) => ({ name })),
    // The whole config carries the user's own site fixes; an admin's came from a file already.
    ...(selected === 'all' && ownFixes.length > 0 ? { siteFixes: ownFixes.map(toFileSiteFix) } : {}),
  };
}

function toFileSiteFix(fix: SiteFix): FileSiteFix {
  const { id: _id, managedBy: _managedBy, locked: _locked, ...rest } = fix;
  return rest;
}

function toFileAction(action: Action, names: InlineSecretNames, id: string): FileAction {
  // Provenance is this browser's business, not the file's.
  const { managedBy: _managedBy, awaitingGrant, ...rest } = action;
  return {
    ...rest,
    // An action waiting for its grant was enabled in the file it came from: it goes out as it came in.
    enabled: rest.enabled || awaitingGrant === true,
    id,
    headers: action.headers.map((header): FileHeader => {
      if (!header.secret) return { name: header.name, value: header.value };
      const sole = REFERENCE.exec(soleOutput(header.value)?.trim() ?? '')?.[1];
      if (sole) return { name: header.name, secret: true, placeholder: sole };
      if (readsSavedSecret(header.value)) return { name: header.name, secret: true, value: header.value };
      return { name: header.name, secret: true, placeholder: names.nameFor(header.name, header.value) };
    }),
  };
}

/**
 * Ids in the file: a managed action's without its owner's prefix (`sub-1a2b3c4d:restart` → `restart`),
 * unless another exported action already has that id; then the prefix stays, with `-` for `:`.
 */
function fileIds(actions: readonly Action[]): Map<string, string> {
  const own = new Set(actions.filter((action) => !action.id.includes(':')).map((action) => action.id));
  const ids = new Map<string, string>();
  for (const action of actions) {
    const bare = action.id.slice(action.id.lastIndexOf(':') + 1);
    const id =
      action.id.includes(':') && (own.has(bare) || [...ids.values()].includes(bare))
        ? action.id.replace(':', '-')
        : bare;
    ids.set(action.id, id.slice(0, 80));
  }
  return ids;
}

const REFERENCE = /^secrets\.([a-z][a-z0-9_]{0,39})$/;

/**
 * Placeholder names for inline secret values: named after the header, the same value the same name, another
 * value another name, never the name of a saved secret.
 */
class InlineSecretNames {
  private readonly byValue = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(actions: readonly Action[]) {
    for (const action of actions) for (const name of secretsUsed(action)) this.taken.add(name);
  }

  nameFor(header: string, value: string): string {
    const known = this.byValue.get(value);
    if (known) return known;
    const base = placeholderName(header);
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base.slice(0, 36)}_${n}`;
    this.taken.add(name);
    this.byValue.set(value, name);
    return name;
  }
}
