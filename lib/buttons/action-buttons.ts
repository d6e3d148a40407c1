import type { Action, ActionButton } from '../model/action';
import { type Constant, constantsScope } from '../model/constants';
import type { IncidentSnapshot } from '../model/incident';
import { promptsWithDefaults } from '../render/prompts';
import { buildScope } from '../render/scope';
import { renderTemplate } from '../render/template';
import { actionShows, awaitedValues } from './conditions';

/** A rendered label longer than this is cut: it must fit a button in the vendor's header. */
const MAX_LABEL_CHARS = 80;

/**
 * The buttons an incident shows: enabled actions whose conditions hold, in the order given, each label
 * rendered for the incident (a value the incident lacks leaves its place in the label empty). An action whose
 * variables cannot be computed shows, so that the modal can say why.
 */
export function actionButtons(
  actions: readonly Action[],
  constants: readonly Constant[],
  incident: IncidentSnapshot,
): ActionButton[] {
  const shared = constantsScope(constants);
  const buttons: ActionButton[] = [];
  for (const action of actions) {
    if (!action.enabled) continue;
    const scope = buildScope(incident, action.variables, {}, shared);
    if (scope.ok && !actionShows(action.conditions, scope.value)) continue;
    const label = scope.ok ? renderTemplate(action.label, scope.value, undefined, new Set()) : undefined;
    const text = label?.ok && label.value.trim() ? label.value.trim().slice(0, MAX_LABEL_CHARS) : action.label;
    const prompts = scope.ok ? promptsWithDefaults(action.prompts, scope.value) : action.prompts;
    buttons.push({ id: action.id, label: text, ...(prompts?.length ? { prompts } : {}) });
  }
  return buttons;
}

/**
 * Whether this action's button shows on this incident (as `actionButtons` decides): a preview or send of an action
 * that does not is refused, so a content script cannot run one off-site or with an incident forged to fit.
 */
export function actionApplies(
  action: Action,
  constants: Readonly<Record<string, string>>,
  incident: IncidentSnapshot,
): boolean {
  const scope = buildScope(incident, action.variables, {}, { ...constants });
  return !scope.ok || actionShows(action.conditions, scope.value);
}

/**
 * Whether an enabled action's conditions read an incident value this incident lacks: the vendor's API may have it
 * (PagerDuty's current page shows no urgency), so the page asks again with the API's values before deciding.
 */
export function conditionsAwaitValues(
  actions: readonly Action[],
  constants: readonly Constant[],
  incident: IncidentSnapshot,
): boolean {
  const shared = constantsScope(constants);
  return actions.some((action) => {
    if (!action.enabled || !action.conditions?.rules.length) return false;
    const scope = buildScope(incident, action.variables, {}, shared);
    return scope.ok && awaitedValues(action.conditions, scope.value);
  });
}
