// @vitest-environment node
// Comments and docs that stand alone: every "design rule N" is a rule written in docs/design.md, no comment cites a
// rule by number alone, and every path of this repository that a comment or a doc names exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './layers';

const SKIPPED = new Set(['node_modules', '.git', '.output', '.wxt', '.cache', '.scratch']);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (SKIPPED.has(entry)) return [];
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? [path, ...walk(path)] : [path];
  });
}

const everything = walk(REPO).map((path) => relative(REPO, path));
const known = new Set(everything);
/** The files whose words a person reads: source (its comments), docs and notes. Saved vendor pages are data. */
const texts = everything.filter(
  (path) => /\.(ts|tsx|css|md|html)$/.test(path) && !/\/fixtures\//.test(path) && !path.startsWith('test/conventions/'),
);

const rules = [...readFileSync(join(REPO, 'docs/design.md'), 'utf8').matchAll(/^(\d+)\. \*\*/gm)].map((m) =>
  Number(m[1]),
);

function lines(path: string): [number, string][] {
  return readFileSync(join(REPO, path), 'utf8')
    .split('\n')
    .map((line, index) => [index + 1, line]);
}

/** The words of a line a person reads as prose: a doc's whole line, a source file's comment (not its code). */
function prose(path: string, line: string): string {
  if (/\.(md|html)$/.test(path)) return line;
  if (/^\s*(\/\*|\*)/.test(line)) return line;
  const comment = line.indexOf('// ');
  return comment === -1 ? '' : line.slice(comment);
}

describe('rules cited in comments', () => {
  it('docs/design.md numbers its rules 1, 2, 3 …', () => {
    expect(rules).toEqual(rules.map((_, index) => index + 1));
    expect(rules.length).toBeGreaterThan(5);
  });

  it('are cited as "design rule N", and each exists', () => {
    const problems: string[] = [];
    for (const path of texts.filter((p) => p !== 'docs/design.md')) {
      for (const [number, line] of lines(path)) {
        for (const match of prose(path, line).matchAll(/\b(design )?rules? (\d+)\b/gi)) {
          const cited = Number(match[2]);
          if (!match[1])
            problems.push(`${path}:${number}: "${match[0]}" names no document: write "design rule ${cited}"`);
          else if (!rules.includes(cited)) problems.push(`${path}:${number}: docs/design.md has no rule ${cited}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

/** `lib/sites/<site>/README.md` and `test/**` style paths: `<…>` and `*` stand for any name. */
function exists(path: string): boolean {
  if (known.has(path)) return true;
  if (!/[<*]/.test(path)) return false;
  const pattern = new RegExp(
    `^${path
      .split(/(<[^>]*>|\*\*\/|\*)/)
      .map((part) =>
        part.startsWith('<') || part === '*'
          ? '[^/]+'
          : part === '**/'
            ? '(?:.*/)?'
            : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('')}$`,
  );
  return everything.some((candidate) => pattern.test(candidate));
}

describe('paths named in comments and docs', () => {
  it('exist in the repository', () => {
    const problems: string[] = [];
    const PATH =
      /(?<![\w./@:-])((?:lib|test|docs|components|entrypoints|scripts|public)\/(?:<[\w-]+>|[\w.*/-])*[\w>*])/g;
    // "grafana/oncall docs/…", "PagerTree/pt4-docusaurus: docs/…": a path after another project's name is theirs.
    const OTHER_PROJECT =
      /(?:^|[\s(`])(?!(?:lib|test|docs|components|entrypoints|scripts|public)\/)[A-Za-z][\w.-]*\/[\w.-]+:?(?=[\s`),]|$)/;
    for (const path of texts) {
      for (const [number, line] of lines(path)) {
        for (const match of line.matchAll(PATH)) {
          const named = (match[1] ?? '').replace(/\/$/, '');
          if (OTHER_PROJECT.test(line.slice(0, match.index))) continue;
          if (!exists(named)) problems.push(`${path}:${number}: ${named} does not exist`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
