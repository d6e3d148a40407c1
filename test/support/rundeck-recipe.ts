/**
 * The README's Rundeck recipe (the table under "Rundeck: which event each preset sends"), read as data: the
 * unit test and the e2e's Rundeck-like receiver apply these very rules, so the README is what is tested.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MatchType, RundeckCondition, RundeckWebhook } from './receivers/rundeck';

/** The README's Rundeck recipe, row by row: the preset, what it sends, the handler, the rule, the job option. */
export interface RecipeRow {
  preset: string;
  /** The event the rule is for (the first event type the row names), and its state when the row names one. */
  forType: string;
  forState?: string;
  webhook: RundeckWebhook;
}

// Node's URL: under happy-dom the global URL resolves against the window's location.
const README = () => readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md'), 'utf8');

export function rundeckRecipe(readme = README()): RecipeRow[] {
  const start = readme.indexOf('**Rundeck: which event each preset sends');
  const table = readme.slice(start, readme.indexOf('\n\n', readme.indexOf('| preset |', start)));
  return table
    .split('\n')
    .filter((line) => /^\| `pagerduty-/.test(line))
    .map((line) => {
      const [preset, sends, handler, conditions, option] = line
        .split(' | ')
        .map((cell) => cell.replace(/^\| |\|$/g, ''));
      const code = (cell = '') => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
      const parsed: RundeckCondition[] = (conditions ?? '').split(' and ').map((part) => {
        const match = /^`([^`]+)` (equals|contains|exists|isA) `([^`]*)`$/.exec(part.trim());
        if (!match) throw new Error(`README recipe: cannot read the condition "${part}"`);
        return { path: match[1] ?? '', type: match[2] as MatchType, value: match[3] ?? '' };
      });
      const batch = /batch key `([^`]+)`/.exec(handler ?? '');
      return {
        preset: code(preset)[0] ?? '',
        forType: code(sends).find((item) => item.startsWith('incident.')) ?? '',
        forState: /state `([^`]+)`/.exec(sends ?? '')?.[1],
        webhook: {
          ...(batch ? { batchKey: batch[1] } : {}),
          rules: [
            { name: 'run job', policy: 'all', conditions: parsed, options: { pd_incident_id: code(option)[0] ?? '' } },
          ],
        },
      };
    });
}
