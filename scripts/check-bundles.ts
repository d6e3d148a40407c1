/**
 * Checks the built extensions for what the design rules forbid and web-ext lint does not see in Chrome
 * builds: `eval`/`new Function` in any bundle (MV3 CSP, design rule 5), IndexedDB use in the content script,
 * whose database would belong to the incident page (design rule 2), zod in the content script (its size), each
 * content script's size (what a page parses at load: at most CONTENT_SCRIPT_BUDGET gzipped), and in the
 * manifest anything only the test build may have. Usage: node scripts/check-bundles.ts DIR...
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Bytes, gzipped at level 9, of one site's content script: the speed issue's first goal. */
const CONTENT_SCRIPT_BUDGET = 12_000;

const problems: string[] = [];
for (const dir of process.argv.slice(2)) {
  for (const file of walk(dir).filter((path) => path.endsWith('.js'))) {
    const code = readFileSync(file, 'utf8');
    const name = relative(dir, file);
    // A method named eval (RE2JS's prefilter: `x.eval(…)`, `}eval(t,n){`) is not the global eval.
    if (/\bnew Function\s*\(|(?<![.\w$])eval\s*\((?![\w$,]*\)\s*\{)|\b(window|self|globalThis)\.eval\s*\(/.test(code)) {
      problems.push(`${dir}: ${name} contains eval or new Function`);
    }
    if (name.startsWith('content-scripts/') && /indexedDB/.test(code)) {
      problems.push(`${dir}: ${name} touches IndexedDB, which belongs to the page in a content script`);
    }
    // The content script trusts the background's replies; zod there costs ~11 kB gzipped for nothing.
    if (name.startsWith('content-scripts/') && /_zod|ZodError/.test(code)) {
      problems.push(`${dir}: ${name} bundles zod: import only types from lib/model/*.ts there`);
    }
    if (name.startsWith('content-scripts/')) {
      const gzipped = gzipSync(code, { level: 9 }).length;
      console.log(`${dir}: ${name} ${Buffer.byteLength(code)} bytes raw, ${gzipped} gzipped`);
      if (gzipped > CONTENT_SCRIPT_BUDGET) {
        problems.push(
          `${dir}: ${name} is ${gzipped} bytes gzipped, over the ${CONTENT_SCRIPT_BUDGET} a page may parse`,
        );
      }
    }
  }
}
// The store builds carry none of what the test build adds (wxt.config.ts): no granted hosts, no options page or
// benchmark page reachable from web pages, no benchmark entrypoint.
for (const dir of process.argv.slice(2)) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    host_permissions?: string[];
    web_accessible_resources?: { resources: string[] }[];
  };
  if (manifest.host_permissions?.length)
    problems.push(`${dir}: host_permissions ${manifest.host_permissions.join(', ')}`);
  const exposed = (manifest.web_accessible_resources ?? []).flatMap((entry) => entry.resources);
  // The dialogs and the page tools the content script imports, and the modal's question frame (AnswerFrame.tsx), are
  // the only resources a page may reach.
  const mayBeExposed = ['incident-ui.js', 'page-tools.js', 'answer-frame.html'];
  if (exposed.some((resource) => !mayBeExposed.includes(resource)))
    problems.push(`${dir}: web-accessible ${exposed.join(', ')} (only ${mayBeExposed.join(', ')} may be)`);
  if (walk(dir).some((path) => /bench-log/.test(path))) problems.push(`${dir}: ships the log benchmark's page`);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`bundles clean: ${process.argv.slice(2).join(', ')}`);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
