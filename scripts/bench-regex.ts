/**
 * Benchmark of user regexes over hostile page text (design rule 9), printed as figures: the slowest condition
 * (`matches`) and extraction evaluation over adversarial titles and patterns, on the engine the background
 * uses (RE2JS over the first 20,000 characters), and the content script's field regexes.
 * Usage: node scripts/bench-regex.ts
 */
import './resolve-lib-imports.ts';

const { ruleHolds } = await import('../lib/buttons/conditions.ts');
const { extract } = await import('../lib/render/scope.ts');
const { fieldRegexValue } = await import('../lib/core/field-regex.ts');

const TITLES: Record<string, string> = {
  '1 MB of mixed text': 'He said "restart" </script> {{secret}} \\o/\n'.repeat(24_000).slice(0, 1_048_576),
  "200 kB of 'a'": 'a'.repeat(200_000),
  "200 kB of 'disk '": 'disk '.repeat(40_000),
  "200 kB of 'a' then '!'": `${'a'.repeat(200_000)}!`,
};
const PATTERNS = ['disk.*full', '(a+)+$', '(a|aa)*b', '.*.*.*x', '(\\w+\\s?)+$'];

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

let slowest = { ms: 0, what: '' };
const note = (ms: number, what: string) => {
  if (ms > slowest.ms) slowest = { ms, what };
};
let slowestExtract = { ms: 0, what: '' };
console.log('Regexes over hostile titles (ms per evaluation: condition, extraction)');
for (const [name, title] of Object.entries(TITLES)) {
  for (const pattern of PATTERNS) {
    const condition = time(() => ruleHolds({ variable: 'incident.title', operator: 'matches', value: pattern }, title));
    const extraction = time(() => extract(title, pattern));
    note(condition, `matches ${pattern} over ${name}`);
    if (extraction > slowestExtract.ms) slowestExtract = { ms: extraction, what: `${pattern} over ${name}` };
    console.log(
      `${`${pattern} over ${name}`.padEnd(48)} ${condition.toFixed(1).padStart(7)} ${extraction.toFixed(1).padStart(7)}`,
    );
  }
}
console.log(`slowest condition   ${slowest.ms.toFixed(1)} ms (${slowest.what})`);
console.log(`slowest extraction  ${slowestExtract.ms.toFixed(1)} ms (${slowestExtract.what})`);

// The content script's field regexes: the shape check refuses the backtracking ones; the worst accepted.
let slowestField = 0;
for (const title of Object.values(TITLES)) {
  for (const pattern of ['.*x', '(\\S+)$', 'disk.*full', '#(\\d+)']) {
    slowestField = Math.max(
      slowestField,
      time(() => fieldRegexValue(pattern, title)),
    );
  }
}
console.log(`slowest field regex ${slowestField.toFixed(1)} ms (content script, first 2,000 characters)`);
