import { JSONPath } from 'jsonpath-plus';

/**
 * Rundeck's webhook rule matching, as its docs describe it, for the README's Rundeck recipe: a test receiver
 * that runs a job only when a rule's conditions hold, as Rundeck would.
 *
 * Source: rundeck/docs `docs/manual/webhooks/advanced-run-job.md` (Batch Key, Actions, Conditions, Policy,
 * Match Types, JsonPath). Every solution-specific handler uses these same features, PagerDuty's V2 and V3 webhooks
 * included: rundeck/docs `docs/learning/howto/using-webhooks.md` says so, and for PagerDuty's see
 * rundeck/docs `docs/manual/webhooks/pagerduty-run-job.md`. Rundeck evaluates JsonPath with Jayway's JsonPath;
 * here jsonpath-plus stands in for it, returning a list for an indefinite path (`[*]`, `..`, a filter) and the
 * value itself for a definite one, as Jayway does.
 */
export type MatchType = 'equals' | 'contains' | 'exists' | 'isA';

export interface RundeckCondition {
  /** The "Field": a JsonPath into the event (`$.event.event_type`). */
  path: string;
  type: MatchType;
  value: string;
}

interface RundeckRule {
  name: string;
  /** `all`: every condition must match; `any`: at least one. */
  policy: 'all' | 'any';
  conditions: RundeckCondition[];
  /** Job options, each a JsonPath into the event (a value starting with `$`). */
  options: Record<string, string>;
}

export interface RundeckWebhook {
  /** Each item the batch key extracts is an event of its own (`$.messages` for PagerDuty's V2 messages). */
  batchKey?: string;
  rules: RundeckRule[];
}

/** One rule that matched an event: the job it would run, with the options it would pass. */
export interface JobRun {
  rule: string;
  options: Record<string, string>;
}

const indefinite = (path: string) => /\[\*\]|\.\.|\[\?/.test(path);

/** A JsonPath's value as Rundeck's engine sees it: `undefined` when the path is missing. */
function select(path: string, event: unknown): unknown {
  const found = JSONPath({ path, json: event as object, wrap: true }) as unknown[];
  if (indefinite(path)) return found;
  return found.length === 0 ? undefined : found[0];
}

/** "A JsonPath expression that evaluates to a data structure (list or map) will return ... serialized JSON." */
const asString = (value: unknown) =>
  typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);

function holds(condition: RundeckCondition, event: unknown): boolean {
  const field = select(condition.path, event);
  switch (condition.type) {
    // "the selected Field will be converted to a String if it is not one, to compare it to the string value"
    case 'equals':
      return field !== undefined && asString(field) === condition.value;
    // "equal to, or contains a substring equal to ... a list of strings: satisfied if the list contains value"
    case 'contains':
      if (Array.isArray(field) && field.every((item) => typeof item === 'string'))
        return field.includes(condition.value);
      return field !== undefined && asString(field).includes(condition.value);
    // "Satisfied if the Field is non-null."
    case 'exists':
      return (
        field !== undefined &&
        field !== null &&
        !(Array.isArray(field) && indefinite(condition.path) && field.length === 0)
      );
    // "Satisfied if the type of the Field is one of these values: string, number, map, list, null"
    case 'isA': {
      const kind =
        field === null ? 'null' : Array.isArray(field) ? 'list' : typeof field === 'object' ? 'map' : typeof field;
      return condition.value
        .split(',')
        .map((item) => item.trim())
        .includes(kind);
    }
  }
}

/** The jobs Rundeck would run for this request body: each event (batch item) against each rule. */
export function rundeckJobRuns(webhook: RundeckWebhook, body: unknown): JobRun[] {
  const events = webhook.batchKey
    ? (JSONPath({ path: webhook.batchKey, json: body as object, wrap: true }) as unknown[]).flat()
    : [body];
  return events.flatMap((event) =>
    webhook.rules
      .filter((rule) =>
        rule.policy === 'all'
          ? rule.conditions.every((condition) => holds(condition, event))
          : rule.conditions.some((condition) => holds(condition, event)),
      )
      .map((rule) => ({
        rule: rule.name,
        options: Object.fromEntries(
          Object.entries(rule.options).map(([name, path]) => [name, asString(select(path, event) ?? '')]),
        ),
      })),
  );
}
