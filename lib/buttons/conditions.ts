import { boundedExec } from '../core/bounded-regex';
import type { ConditionRule, Conditions } from '../model/variables';
import type { TemplateScope } from '../render/scope';
import { readPath, valueText } from '../render/template';

/**
 * Whether an action shows on this incident: on the listed sites (none: all), when all (or any) rules
 * hold. No rules: always. A rule over a value the page lacks holds only for `not_exists`.
 */
export function actionShows(conditions: Conditions | undefined, scope: TemplateScope): boolean {
  if (!conditions) return true;
  const sites = conditions.sites ?? [];
  if (sites.length > 0 && !sites.includes(scope.incident.site)) return false;
  if (conditions.rules.length === 0) return true;
  const holds = (rule: ConditionRule) => ruleHolds(rule, readPath(rule.variable, scope));
  return conditions.match === 'all' ? conditions.rules.every(holds) : conditions.rules.some(holds);
}

/** Whether a rule of these conditions (on this site) reads an incident value the scope does not have. */
export function awaitedValues(conditions: Conditions, scope: TemplateScope): boolean {
  const sites = conditions.sites ?? [];
  if (sites.length > 0 && !sites.includes(scope.incident.site)) return false;
  return conditions.rules.some(
    (rule) =>
      rule.variable.startsWith('incident.') &&
      !ruleHolds({ ...rule, operator: 'exists' }, readPath(rule.variable, scope)),
  );
}

export function ruleHolds(rule: ConditionRule, value: unknown): boolean {
  const present = value !== undefined && value !== null && valueText(value) !== '';
  if (rule.operator === 'exists') return present;
  if (rule.operator === 'not_exists') return !present;
  if (!present) return false;
  const text = valueText(value);
  const wanted = rule.value ?? '';
  switch (rule.operator) {
    case 'equals':
      return text === wanted;
    case 'not_equals':
      return text !== wanted;
    case 'contains':
      return text.includes(wanted);
    case 'in':
      return wanted
        .split(',')
        .map((item) => item.trim())
        .includes(text);
    case 'matches':
      try {
        return boundedExec(wanted, text).match !== undefined;
      } catch {
        return false;
      }
    case 'greater_than':
    case 'less_than': {
      const order = compare(text, wanted);
      if (order === undefined) return false;
      return rule.operator === 'greater_than' ? order > 0 : order < 0;
    }
  }
}

/** Numbers as numbers, else dates as dates; undefined when the two are neither. */
function compare(left: string, right: string): number | undefined {
  const [a, b] = [Number(left), Number(right)];
  if (left.trim() !== '' && right.trim() !== '' && Number.isFinite(a) && Number.isFinite(b)) return a - b;
  const [da, db] = [Date.parse(left), Date.parse(right)];
  if (Number.isFinite(da) && Number.isFinite(db)) return da - db;
  return undefined;
}
