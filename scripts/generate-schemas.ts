/**
 * `npm run schema`: writes the JSON Schemas generated from the zod schemas (lib/sharing/json-schema.ts) to
 * public/, formatted as biome formats them. test/lib/sharing/json-schema.test.ts fails while they are stale.
 * Usage: node scripts/generate-schemas.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import './resolve-lib-imports.ts';

const { CONFIG_SCHEMA_FILE } = await import('../lib/sharing/config-file.ts');
const { MANAGED_SCHEMA_FILE, chromeManagedSchema, configJsonSchema } = await import('../lib/sharing/json-schema.ts');

const root = fileURLToPath(new URL('..', import.meta.url));
const files = [
  [`public/${CONFIG_SCHEMA_FILE}`, configJsonSchema()],
  [`public/${MANAGED_SCHEMA_FILE}`, chromeManagedSchema()],
] as const;
for (const [path, schema] of files) writeFileSync(`${root}${path}`, `${JSON.stringify(schema, null, 2)}\n`);
execFileSync(`${root}node_modules/.bin/biome`, ['format', '--write', ...files.map(([path]) => path)], {
  cwd: root,
  stdio: 'inherit',
});
console.log(`wrote ${files.map(([path]) => path).join(', ')}`);
