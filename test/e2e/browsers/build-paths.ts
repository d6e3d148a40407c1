import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The e2e build (`npm run build:e2e`): the store build plus a granted loopback origin, see wxt.config.ts. */
export function e2eBuild(browser: 'chrome' | 'firefox'): string {
  const dir = fileURLToPath(new URL(`../../../.output/e2e/${browser}-mv3`, import.meta.url));
  if (!existsSync(`${dir}/manifest.json`)) throw new Error(`No e2e build at ${dir}: run \`npm run build:e2e\` first`);
  return dir;
}
