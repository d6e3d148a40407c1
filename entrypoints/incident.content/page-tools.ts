import type { pickElement } from '@/components/incident/element-picker';
import type { pageReport } from '@/lib/sites/page-report';
import type { stableSelector } from '@/lib/sites/stable-selector';
import { extensionModule } from './extension-module';

/** What entrypoints/page-tools hands over: the heavy part of "Fix this page", loaded only when it is opened. */
export interface PageTools {
  pickElement: typeof pickElement;
  stableSelector: typeof stableSelector;
  pageReport: typeof pageReport;
}

/** Where the injected script leaves its tools, on the isolated world's global (the page cannot read it). */
export const PAGE_TOOLS_KEY = '__incidentActionsPageTools';

/** The heavy part of "Fix this page", first asked for when it is opened. */
export const loadPageTools = extensionModule<PageTools>('/page-tools.js', PAGE_TOOLS_KEY, 'The page tools');
