import { type Browser, browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onChange } from '@/lib/messaging/change-signals';
import { isDescribeRequest } from '@/lib/messaging/describe-incident';
import { IncidentPage, type PageSites } from './incident-page';

/**
 * What every incident content script does when it starts: a built-in site's (its adapter only, so a page parses no
 * other vendor's code) or the one registered at run time for the sites the user added (index.ts).
 */
export function startIncidentPage(ctx: ContentScriptContext, sites: PageSites): void {
  const page = new IncidentPage(ctx, sites);
  void page.sync();
  // The incident app navigates without reloading: follow it from one incident to the next.
  // WXT fires this from the Navigation API's `navigate` event, before `location` changes: use newUrl.
  ctx.addEventListener(window, 'wxt:locationchange', (event) => void page.sync(event.newUrl));
  ctx.onInvalidated(onChange('actionsChangedAt', () => page.configChanged()));
  // The options page's field catalogue asks what this tab shows.
  const describe = (message: unknown, sender: Browser.runtime.MessageSender, reply: (answer: unknown) => void) => {
    if (!isDescribeRequest(message, sender)) return;
    void page.describe().then(reply, () => reply(null));
    return true; // answered asynchronously
  };
  browser.runtime.onMessage.addListener(describe);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(describe));
}
