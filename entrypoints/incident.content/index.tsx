import { type Browser, browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { onChange } from '@/lib/messaging/change-signals';
import { isDescribeRequest } from '@/lib/messaging/describe-incident';
import { INCIDENT_PAGE_MATCHES } from '@/lib/sites/registry';
import { IncidentPage } from './incident-page';

export default defineContentScript({
  matches: INCIDENT_PAGE_MATCHES,
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  // No `window.postMessage` naming the extension to every page on start: a newer copy still replaces an older one
  // through WXT's document event, whose name holds the extension id, so only a page that knows it can listen.
  noScriptStartedPostMessage: true,
  main(ctx) {
    const page = new IncidentPage(ctx);
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
  },
});
