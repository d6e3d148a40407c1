import { CONDITION_OPERATORS, type ConditionRule, type Conditions } from '@/lib/model/variables';
import { FieldError } from '../shared/FieldError';
import { RemoveButton } from '../shared/RemoveButton';

interface ConditionsEditorProps {
  conditions: Conditions | undefined;
  errors: Readonly<Record<string, string>>;
  onChange: (conditions: Conditions | undefined) => void;
}

const OPERATOR_TEXT: Record<ConditionRule['operator'], string> = {
  equals: 'equals',
  not_equals: 'does not equal',
  contains: 'contains',
  matches: 'matches regex',
  in: 'is one of (a, b, c)',
  exists: 'has a value',
  not_exists: 'has no value',
  greater_than: 'is greater than (number or date)',
  less_than: 'is less than (number or date)',
};

/** Where the button shows: on which sites, and when all or any rules hold for the incident on screen. */
export function ConditionsEditor({ conditions, errors, onChange }: ConditionsEditorProps) {
  const current: Conditions = conditions ?? { match: 'all', rules: [] };
  const update = (patch: Partial<Conditions>) => {
    const next = { ...current, ...patch };
    // No rule and no site: the action shows everywhere, which is the same as no conditions at all.
    onChange(next.rules.length === 0 && !next.sites?.length ? undefined : next);
  };
  const replace = (index: number, patch: Partial<ConditionRule>) =>
    update({ rules: current.rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)) });
  return (
    <fieldset class="field">
      <legend>Show this action</legend>
      <div class="variable-row">
        <label for="condition-sites">Only on sites</label>
        <input
          id="condition-sites"
          placeholder="all sites (or: pagerduty, opsgenie, custom:acme-on-call)"
          value={(current.sites ?? []).join(', ')}
          onInput={(e) => {
            const sites = e.currentTarget.value
              .split(',')
              .map((site) => site.trim())
              .filter(Boolean);
            update(sites.length > 0 ? { sites } : { sites: undefined });
          }}
        />
        <select
          aria-label="Rules to match"
          value={current.match}
          onChange={(e) => update({ match: e.currentTarget.value as Conditions['match'] })}
        >
          <option value="all">when all rules hold</option>
          <option value="any">when any rule holds</option>
        </select>
      </div>
      {current.rules.map((rule, index) => {
        const n = index + 1;
        const error = Object.entries(errors).find(([path]) => path.startsWith(`conditions.rules.${index}`))?.[1];
        const needsValue = rule.operator !== 'exists' && rule.operator !== 'not_exists';
        return (
          <div class="variable-row" key={index}>
            <input
              aria-label={`Rule ${n} variable`}
              list="ia-variable-names"
              placeholder="incident.priority"
              value={rule.variable}
              onInput={(e) => replace(index, { variable: e.currentTarget.value })}
            />
            <select
              aria-label={`Rule ${n} operator`}
              value={rule.operator}
              onChange={(e) => replace(index, { operator: e.currentTarget.value as ConditionRule['operator'] })}
            >
              {CONDITION_OPERATORS.map((operator) => (
                <option key={operator} value={operator}>
                  {OPERATOR_TEXT[operator]}
                </option>
              ))}
            </select>
            {needsValue && (
              <input
                aria-label={`Rule ${n} value`}
                value={rule.value ?? ''}
                onInput={(e) => replace(index, { value: e.currentTarget.value })}
              />
            )}
            <RemoveButton
              label={`Remove rule ${n}`}
              onClick={() => update({ rules: current.rules.filter((_, i) => i !== index) })}
            />
            <FieldError message={error} />
          </div>
        );
      })}
      <button
        type="button"
        onClick={() =>
          update({ rules: [...current.rules, { variable: 'incident.priority', operator: 'equals', value: '' }] })
        }
      >
        Add rule
      </button>
    </fieldset>
  );
}
