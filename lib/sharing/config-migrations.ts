import { CONFIG_FORMAT } from './config-file';

/**
 * One step per older version of the config file, each taking version N to N + 1. Append, never edit: a
 * file written by any earlier release may still be shared.
 */
const STEPS: Record<number, (file: Record<string, unknown>) => Record<string, unknown>> = {
  // v1 carried actions only, and a secret header kept its name with an empty value. v2 names the secret so
  // the importer can ask for it: the header's name, written as a secret name.
  1: (file) => ({
    ...file,
    format: CONFIG_FORMAT,
    version: 2,
    actions: Array.isArray(file.actions) ? file.actions.map(secretHeadersToPlaceholders) : file.actions,
  }),
};

export function migrateConfig(file: Record<string, unknown>, from: number, to: number): Record<string, unknown> {
  let current = file;
  for (let version = from; version < to; version++) {
    const step = STEPS[version];
    if (!step) throw new Error(`No migration from config version ${version}`);
    current = step(current);
  }
  return current;
}

function secretHeadersToPlaceholders(action: unknown): unknown {
  if (action === null || typeof action !== 'object' || !Array.isArray((action as { headers?: unknown }).headers))
    return action;
  const headers = (action as { headers: unknown[] }).headers.map((header) => {
    if (header === null || typeof header !== 'object') return header;
    const { secret, value, ...rest } = header as { name?: unknown; secret?: unknown; value?: unknown };
    if (secret !== true) return header;
    return { ...rest, secret: true, placeholder: placeholderName(String(rest.name ?? 'header')) };
  });
  return { ...action, headers };
}

/** `X-Api-Key` → `x_api_key`: a header name as a secret name. */
export function placeholderName(headerName: string): string {
  const slug = headerName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = /^[a-z]/.test(slug) ? slug : `header_${slug}`;
  return name.slice(0, 40).replace(/_+$/, '') || 'header';
}
