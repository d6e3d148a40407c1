import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { pickElement } from '@/components/incident/element-picker';
import { pageReport } from '@/lib/sites/page-report';
import { stableSelector } from '@/lib/sites/stable-selector';
import { PAGE_TOOLS_KEY, type PageTools } from '../incident.content/page-tools';

/**
 * The picker, the stable selectors and the page report: imported by the content script when a responder opens "Fix
 * this page", so that the content script every incident page carries stays small. It runs in the content script's
 * isolated world (no page script sees it) and hands its tools over on that world's global.
 */
export default defineUnlistedScript(() => {
  const tools: PageTools = { pickElement, stableSelector, pageReport };
  Object.defineProperty(globalThis, PAGE_TOOLS_KEY, { value: tools, configurable: true });
});
