import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ICruiseOptions, ICruiseResult, IForbiddenRuleType } from 'dependency-cruiser';
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

/**
 * The layers, read from the README's "Layers" table: the README is where they are written down, and this is
 * what enforces them, so the two cannot drift apart. Each row: the layer's name, its folder, what it holds, and
 * the layers it may import (besides itself): names, "all of lib" or "everything".
 */
export interface Layer {
  name: string;
  folder: string;
  mayImport: string[];
}

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function readLayers(readme = readFileSync(join(REPO, 'README.md'), 'utf8')): Layer[] {
  const section = /^## Layers\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
  const rows = section
    .split('\n')
    .filter((line) => /^\| [^-]/.test(line))
    .slice(1)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  const layers = rows.map(([name = '', folder = '', , imports = '']) => ({
    name,
    folder: folder.replace(/`/g, ''),
    mayImport: imports === '—' ? [] : imports.split(',').map((item) => item.trim()),
  }));
  const names = new Set(layers.map((layer) => layer.name));
  for (const layer of layers) {
    layer.mayImport = layer.mayImport.flatMap((item) => {
      if (item === 'everything') return layers.map((other) => other.name);
      if (item === 'all of lib') return layers.filter((other) => other.folder.startsWith('lib/')).map((l) => l.name);
      if (!names.has(item)) throw new Error(`README layers: "${layer.name}" may import "${item}", which is no layer`);
      return [item];
    });
  }
  return layers;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const under = (folders: string[]) => `^(${folders.map(escapeRegExp).join('|')})/`;

/** One dependency-cruiser rule per layer: anything in the tree but its own folder and the folders it may import. */
export function layerRules(layers: readonly Layer[]): IForbiddenRuleType[] {
  const all = layers.map((layer) => layer.folder);
  return layers.map((layer) => {
    const allowed = [layer.folder, ...layers.filter((l) => layer.mayImport.includes(l.name)).map((l) => l.folder)];
    const listed = layer.mayImport.length > 0 ? layer.mayImport.join(', ') : 'nothing else';
    return {
      name: `layer:${layer.name}`,
      severity: 'error',
      comment: `${layer.name} (${layer.folder}) may import only ${listed} (README, "Layers")`,
      from: { path: `^${escapeRegExp(layer.folder)}/` },
      to: { path: under(all), pathNot: under(allowed) },
    };
  });
}

/**
 * What the content script may reach, directly or not: it runs inside the incident page on every load, so
 * nothing that opens IndexedDB (the page would own that database), renders templates or sends (the background
 * does that), and no file whose name says it runs in the background.
 */
export const CONTENT_SCRIPT_RULE: IForbiddenRuleType = {
  name: 'content-script-reach',
  severity: 'error',
  comment:
    'a content script (entrypoints/*.content, or the dialogs it imports: entrypoints/incident-ui) reaches this module; it may use only core, model, sites, messaging and the incident UI (README, "Layers")',
  from: { path: '^entrypoints/([^/]+\\.content(/|\\.tsx?$)|incident-ui/|page-tools/)' },
  to: {
    path: '^lib/(storage|render|buttons|delivery|history|sharing|presets|permissions)/|\\.background\\.tsx?$|^components/options/',
    reachable: true,
  },
};

/** An import the check cannot resolve is one it cannot judge: it fails rather than pass by not seeing. */
export const RESOLVED_RULE: IForbiddenRuleType = {
  name: 'resolved',
  severity: 'error',
  comment: 'this import cannot be resolved, so its layer cannot be checked',
  from: { path: '^(lib|components|entrypoints)/' },
  // `?inline` is Vite's import of a file's text (the content script's CSS).
  to: { couldNotResolve: true, pathNot: '\\?inline$' },
};

export const NO_CYCLES_RULE: IForbiddenRuleType = {
  name: 'no-cycle',
  severity: 'error',
  comment: 'modules import each other in a circle: one of them belongs in a layer below the other',
  from: { path: '^(lib|components|entrypoints)/' },
  to: { circular: true },
};

/** Cruises `roots` (relative to `baseDir`) against the rules; type-only imports count, as they couple layers too. */
export async function checkImports(roots: string[], rules: IForbiddenRuleType[], baseDir = REPO): Promise<string[]> {
  const options: ICruiseOptions = {
    baseDir,
    validate: true,
    ruleSet: { forbidden: rules },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)fixtures/' },
    tsConfig: { fileName: join(REPO, 'tsconfig.json') },
    // Packages' `exports` maps (`wxt/browser`, `zod/mini`), resolved as the bundler resolves them for a browser.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['browser', 'import', 'module', 'default'],
      mainFields: ['browser', 'module', 'main'],
    },
  };
  const tsConfig = extractTSConfig(join(REPO, 'tsconfig.json'));
  // `@/` is WXT's alias for the project root (.wxt/tsconfig.json), given here as the bundler sees it.
  const resolve = { extensions: ['.ts', '.tsx'], alias: { '@': baseDir } };
  const existing = roots.filter((root) => existsSync(join(baseDir, root)));
  const result = (await cruise(existing, options, resolve, { tsConfig })).output as ICruiseResult;
  return result.summary.violations.map((violation) => {
    const via = violation.via?.length ? ` (via ${violation.via.map((step) => step.name).join(' → ')})` : '';
    const rule = rules.find((candidate) => candidate.name === violation.rule.name);
    return `${violation.from} imports ${violation.to}${via}: ${rule?.comment ?? violation.rule.name}. Move the shared code down into a layer both may import, or this code up.`;
  });
}
