import type { Action } from '../model/action';
import type { CustomSite } from '../model/custom-site';
import { originPattern } from '../permissions/origins';
import { templateVariables } from '../render/template';
import { templateOrigin } from '../render/url';

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
function namesUnder(action: Action, root: string): string[] {
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

export function constantsUsed(action: Action): string[] {
  return namesUnder(action, 'constants').sort();
}

/** The ids of the custom sites (`custom:<id>`) an action is limited to; vendor sites need no definition. */
export function customSitesUsed(action: Action): string[] {
  return (action.conditions?.sites ?? []).flatMap((site) => (site.startsWith('custom:') ? [site.slice(7)] : []));
}

/** The host permission an action needs to send: its endpoint's origin as a match pattern. */
export function actionOriginPattern(action: Action): string | undefined {
  try {
    return originPattern(templateOrigin(action.url));
  } catch {
    return undefined; // a URL that is all template: checked at send time
  }
}

/** The host permission a site needs for its pages to get the buttons. */
export function siteOriginPattern(site: CustomSite): string {
  return site.urlPattern;
}
