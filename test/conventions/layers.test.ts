// @vitest-environment node
// The folders are the design: each layer imports only the layers below it (README, "Layers"), checked over the
// real tree with dependency-cruiser, as Refined GitHub checks its own conventions in a test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_RULE, checkImports, layerRules, NO_CYCLES_RULE, RESOLVED_RULE, readLayers } from './layers';

const layers = readLayers();
const rules = [...layerRules(layers), CONTENT_SCRIPT_RULE, NO_CYCLES_RULE, RESOLVED_RULE];

describe('the layers', () => {
  it('are written down in the README and cover every folder of lib/ and components/', async () => {
    const { readdirSync } = await import('node:fs');
    const { REPO } = await import('./layers');
    const folders = ['lib', 'components'].flatMap((top) =>
      readdirSync(join(REPO, top), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${top}/${entry.name}`),
    );
    expect(folders.filter((folder) => !layers.some((layer) => layer.folder === folder))).toEqual([]);
  });

  it('import downward only, in the whole tree', { timeout: 60_000 }, async () => {
    expect(await checkImports(['lib', 'components', 'entrypoints'], rules)).toEqual([]);
  });
});

describe('the check itself', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  /** A throwaway tree with the given files, checked with the README's rules. */
  async function check(files: Record<string, string>): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'ia-layers-'));
    dirs.push(dir);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return checkImports(['lib', 'entrypoints'], rules, dir);
  }

  it('fails on an upward import, naming both files and what the layer may import', { timeout: 30_000 }, async () => {
    const problems = await check({
      'lib/model/action.ts': "import { renderTemplate } from '../render/template';\nexport const a = renderTemplate;\n",
      'lib/render/template.ts': 'export const renderTemplate = 1;\n',
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^lib\/model\/action\.ts imports lib\/render\/template\.ts: model \(lib\/model\) may import only core/,
      ),
    ]);
  });

  it('fails when the content script reaches a background layer through another module', {
    timeout: 30_000,
  }, async () => {
    const problems = await check({
      'entrypoints/incident.content/index.ts': "import { x } from '../../lib/messaging/client';\nexport const y = x;\n",
      'lib/messaging/client.ts': "import { db } from '../storage/database';\nexport const x = db;\n",
      'lib/storage/database.ts': 'export const db = 1;\n',
    });
    expect(problems).toContainEqual(
      expect.stringMatching(/^entrypoints\/incident\.content\/index\.ts imports lib\/storage\/database\.ts \(via/),
    );
  });

  it('fails on an import it cannot resolve, rather than pass it unseen', { timeout: 30_000 }, async () => {
    const problems = await check({
      'lib/render/template.ts': "import { ok } from '../core/missing';\nexport const t = ok;\n",
    });
    expect(problems).toEqual([
      expect.stringMatching(/^lib\/render\/template\.ts imports \.\.\/core\/missing: this import cannot be resolved/),
    ]);
  });

  it('passes a downward import', { timeout: 30_000 }, async () => {
    expect(
      await check({
        'lib/render/template.ts': "import { ok } from '../core/result';\nexport const t = ok;\n",
        'lib/core/result.ts': 'export const ok = 1;\n',
      }),
    ).toEqual([]);
  });
});
