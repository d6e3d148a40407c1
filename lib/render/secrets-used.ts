import type { Action } from '../model/action';
import { templateVariables } from './template';
import { templateOrigin } from './url';

/** Every template an action holds, where `{{ secrets.x }}` or `{{ constants.x }}` could be used. */
function templatesOf(action: Action): string[] {
  return [
    action.label,
    action.url,
    action.body,
    ...action.headers.map((header) => header.value),
    ...(action.variables ?? []).flatMap((variable) =>
      variable.kind === 'compose' ? [variable.template] : variable.kind === 'constant' ? [variable.value] : [],
    ),
    ...(action.prompts ?? []).flatMap((prompt) => (prompt.default ? [prompt.default] : [])),
  ];
}

/** Names used under one root (`secrets`, `constants`) across an action's templates. */
export function namesUnder(action: Action, root: string): string[] {
  const names = new Set<string>();
  for (const template of templatesOf(action)) {
    for (const name of templateVariables(template)) {
      const [first, key] = name.split('.');
      if (first === root && key) names.add(key);
    }
  }
  return [...names];
}

/** Whether a template reads a saved secret (`Bearer {{ secrets.token }}`), rather than holding one. */
export function readsSavedSecret(template: string): boolean {
  return templateVariables(template).some((name) => name.split('.')[0] === 'secrets');
}

/** The saved secrets an action needs to send: its auth, its signing, and `{{ secrets.x }}` in templates. */
export function secretsUsed(action: Action): string[] {
  const names = new Set(namesUnder(action, 'secrets'));
  if (action.auth) names.add(action.auth.secret);
  for (const name of action.signing?.secrets ?? []) names.add(name);
  return [...names].sort();
}

/** The origin every request of the action goes to (the schema keeps templates out of it); undefined if unreadable. */
export function actionOrigin(action: Pick<Action, 'url'>): string | undefined {
  try {
    return templateOrigin(action.url);
  } catch {
    return undefined;
  }
}

/** Per secret name, the origins of the actions that use it now: what an unbound secret is offered, or bound to. */
export function originsUsingSecrets(actions: readonly Action[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const action of actions) {
    const origin = actionOrigin(action);
    if (!origin) continue;
    for (const name of secretsUsed(action)) {
      const list = found.get(name) ?? [];
      if (!list.includes(origin)) list.push(origin);
      found.set(name, list);
    }
  }
  return found;
}
