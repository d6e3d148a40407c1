import type { Action } from '../model/action';
import type { CustomSite } from '../model/custom-site';
import { originPattern } from '../permissions/origins';
import { namesUnder } from '../render/secrets-used';
import { templateOrigin } from '../render/url';

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
